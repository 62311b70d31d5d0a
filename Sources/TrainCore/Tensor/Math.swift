#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

@inline(__always) func _log(_ x: Double) -> Double { log(x) }
@inline(__always) func _cos(_ x: Double) -> Double { cos(x) }
@inline(__always) func fexp(_ x: Float) -> Float { expf(x) }
@inline(__always) func flog(_ x: Float) -> Float { logf(x) }
@inline(__always) func ftanh(_ x: Float) -> Float { tanhf(x) }
@inline(__always) func fpow(_ x: Float, _ y: Float) -> Float { powf(x, y) }
@inline(__always) func flog1p(_ x: Float) -> Float { log1pf(x) }
@inline(__always) func dcos(_ x: Double) -> Double { cos(x) }
