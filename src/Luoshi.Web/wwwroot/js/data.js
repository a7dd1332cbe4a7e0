// The data entry grid: Enter moves to the next value (as Tab does); on the last one it moves to the save button.
document.addEventListener("keydown", function (event) {
    var input = event.target;
    if (event.key !== "Enter" || !input.matches || !input.matches("table.grid input[name$='.Value']")) return;
    event.preventDefault();
    var inputs = Array.prototype.slice.call(input.form.querySelectorAll("table.grid input[name$='.Value']"));
    var next = inputs[inputs.indexOf(input) + (event.shiftKey ? -1 : 1)];
    (next || input.form.querySelector("button[type=submit]")).focus();
});
