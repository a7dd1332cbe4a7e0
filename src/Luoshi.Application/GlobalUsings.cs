// Every use case works on the EF model.
global using Luoshi.Data;
