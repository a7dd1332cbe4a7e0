namespace Luoshi.Application.Caching;

/// <summary>
/// A small in-process map whose entries expire and which never holds more than <c>capacity</c> entries: when full,
/// expired entries go first, then the least recently used. Thread-safe (one lock; every operation is O(1)).
/// </summary>
public sealed class ExpiringCache<TKey, TValue>(int capacity, TimeProvider clock) where TKey : notnull
{
    private sealed record Entry(TKey Key, TValue Value, DateTimeOffset ExpiresAt);

    private readonly Dictionary<TKey, LinkedListNode<Entry>> map = [];
    private readonly LinkedList<Entry> recency = new(); // most recently used first
    private readonly Lock gate = new();

    public int Capacity { get; } = capacity > 0 ? capacity : throw new ArgumentOutOfRangeException(nameof(capacity));

    public int Count
    {
        get { lock (gate) return map.Count; }
    }

    public bool TryGet(TKey key, out TValue value)
    {
        lock (gate)
        {
            if (map.TryGetValue(key, out var node))
            {
                if (node.Value.ExpiresAt > clock.GetUtcNow())
                {
                    recency.Remove(node);
                    recency.AddFirst(node);
                    value = node.Value.Value;
                    return true;
                }
                Drop(node);
            }
            value = default!;
            return false;
        }
    }

    public void Set(TKey key, TValue value, TimeSpan lifetime)
    {
        lock (gate)
        {
            if (map.TryGetValue(key, out var old)) Drop(old);
            while (map.Count >= Capacity) Drop(ExpiredOrLeastRecent());
            map[key] = recency.AddFirst(new Entry(key, value, clock.GetUtcNow() + lifetime));
        }
    }

    public void Remove(TKey key)
    {
        lock (gate)
        {
            if (map.TryGetValue(key, out var node)) Drop(node);
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            map.Clear();
            recency.Clear();
        }
    }

    private LinkedListNode<Entry> ExpiredOrLeastRecent()
    {
        var now = clock.GetUtcNow();
        // Look at a few of the least recently used; an expired one among them goes before a live one.
        var node = recency.Last!;
        for (var (probe, i) = (node, 0); probe is not null && i < 8; probe = probe.Previous, i++)
            if (probe.Value.ExpiresAt <= now) return probe;
        return node;
    }

    private void Drop(LinkedListNode<Entry> node)
    {
        recency.Remove(node);
        map.Remove(node.Value.Key);
    }
}
