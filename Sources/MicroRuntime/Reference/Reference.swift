/// The reference kernels: plain loops that define each operator's semantics. Optimized kernels
/// must match them (bit for bit for integers, within a stated tolerance for floats).
public enum Reference {}
