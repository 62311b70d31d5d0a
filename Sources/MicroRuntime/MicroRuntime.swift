// MicroRuntime
