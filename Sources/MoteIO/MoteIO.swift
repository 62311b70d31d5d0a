// MoteIO: host-side file I/O shared by the mote CLI, mote-benchmark and the tests.
