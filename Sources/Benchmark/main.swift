print("mote-benchmark: not built yet")
