// The C API's operator resolver (TFLite Micro's MicroMutableOpResolver idea): the application
// fills a `mote_op_resolver` with the kernels its models use and opens with it
// (`mote_open_with_resolver`); each `mote_op_resolver_add_*` function refers to one kernel, so a
// static link with --gc-sections keeps only the kernels the application adds. `mote_open` uses
// every kernel.

/// Bytes of storage mote.h reserves for a resolver; the mark and `OpResolver` must fit.
let cResolverStorage = 8192
/// The 8-byte mark ("moteopsr") at the start of a resolver's storage once mote_op_resolver_init ran;
/// the `OpResolver` follows at `cInterpreterOffset`.
let cResolverMagic: UInt64 = 0x6D6F_7465_6F70_7372

/// The resolver in `p`, or nil when `p` is NULL or was never initialized.
func resolverState(_ p: UnsafeRawPointer?) -> UnsafeMutablePointer<OpResolver>? {
  guard let p, p.load(as: UInt64.self) == cResolverMagic else { return nil }
  return UnsafeMutablePointer(mutating: (p + cInterpreterOffset).assumingMemoryBound(to: OpResolver.self))
}

@_cdecl("mote_op_resolver_init")
public func mote_op_resolver_init(_ r: UnsafeMutableRawPointer?) -> Int32 {
  guard let r, cInterpreterOffset + MemoryLayout<OpResolver>.size <= cResolverStorage else { return -1 }
  r.storeBytes(of: cResolverMagic, as: UInt64.self)
  (r + cInterpreterOffset).bindMemory(to: OpResolver.self, capacity: 1).initialize(to: OpResolver())
  return 0
}

/// Adds `registration` to the resolver at `r`: 0, or -1 when `r` is not an initialized resolver or is full.
func add(_ r: UnsafeMutableRawPointer?, _ registration: Registration) -> Int32 {
  guard let s = resolverState(r) else { return -1 }
  return s.pointee.add(registration) ? 0 : -1
}

@_cdecl("mote_op_resolver_add_all")
public func mote_op_resolver_add_all(_ r: UnsafeMutableRawPointer?) -> Int32 {
  guard let s = resolverState(r) else { return -1 }
  let all = OpResolver.allOps
  for i in 0..<all.count where !s.pointee.add(all[i]) { return -1 }
  return 0
}

@_cdecl("mote_op_resolver_add_add")
public func mote_op_resolver_add_add(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Add.registration) }
@_cdecl("mote_op_resolver_add_average_pool_2d")
public func mote_op_resolver_add_average_pool_2d(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, AveragePool2D.registration) }
@_cdecl("mote_op_resolver_add_batch_matmul")
public func mote_op_resolver_add_batch_matmul(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, BatchMatMul.registration) }
@_cdecl("mote_op_resolver_add_concatenation")
public func mote_op_resolver_add_concatenation(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Concatenation.registration) }
@_cdecl("mote_op_resolver_add_conv_2d")
public func mote_op_resolver_add_conv_2d(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Conv2D.registration) }
@_cdecl("mote_op_resolver_add_depthwise_conv_2d")
public func mote_op_resolver_add_depthwise_conv_2d(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, DepthwiseConv2D.registration) }
@_cdecl("mote_op_resolver_add_dequantize")
public func mote_op_resolver_add_dequantize(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Dequantize.registration) }
@_cdecl("mote_op_resolver_add_div")
public func mote_op_resolver_add_div(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Div.registration) }
@_cdecl("mote_op_resolver_add_expand_dims")
public func mote_op_resolver_add_expand_dims(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, ExpandDims.registration) }
@_cdecl("mote_op_resolver_add_fully_connected")
public func mote_op_resolver_add_fully_connected(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, FullyConnected.registration) }
@_cdecl("mote_op_resolver_add_gather")
public func mote_op_resolver_add_gather(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Gather.registration) }
@_cdecl("mote_op_resolver_add_hard_swish")
public func mote_op_resolver_add_hard_swish(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, HardSwish.registration) }
@_cdecl("mote_op_resolver_add_leaky_relu")
public func mote_op_resolver_add_leaky_relu(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, LeakyRelu.registration) }
@_cdecl("mote_op_resolver_add_logistic")
public func mote_op_resolver_add_logistic(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Logistic.registration) }
@_cdecl("mote_op_resolver_add_max_pool_2d")
public func mote_op_resolver_add_max_pool_2d(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, MaxPool2D.registration) }
@_cdecl("mote_op_resolver_add_maximum")
public func mote_op_resolver_add_maximum(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Maximum.registration) }
@_cdecl("mote_op_resolver_add_mean")
public func mote_op_resolver_add_mean(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Mean.registration) }
@_cdecl("mote_op_resolver_add_minimum")
public func mote_op_resolver_add_minimum(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Minimum.registration) }
@_cdecl("mote_op_resolver_add_mul")
public func mote_op_resolver_add_mul(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Mul.registration) }
@_cdecl("mote_op_resolver_add_pack")
public func mote_op_resolver_add_pack(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Pack.registration) }
@_cdecl("mote_op_resolver_add_pad")
public func mote_op_resolver_add_pad(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Pad.registration) }
@_cdecl("mote_op_resolver_add_padv2")
public func mote_op_resolver_add_padv2(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, PadV2.registration) }
@_cdecl("mote_op_resolver_add_prelu")
public func mote_op_resolver_add_prelu(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Prelu.registration) }
@_cdecl("mote_op_resolver_add_quantize")
public func mote_op_resolver_add_quantize(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Quantize.registration) }
@_cdecl("mote_op_resolver_add_relu")
public func mote_op_resolver_add_relu(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Relu.registration) }
@_cdecl("mote_op_resolver_add_relu6")
public func mote_op_resolver_add_relu6(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Relu6.registration) }
@_cdecl("mote_op_resolver_add_reshape")
public func mote_op_resolver_add_reshape(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Reshape.registration) }
@_cdecl("mote_op_resolver_add_resize_bilinear")
public func mote_op_resolver_add_resize_bilinear(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, ResizeBilinear.registration) }
@_cdecl("mote_op_resolver_add_resize_nearest_neighbor")
public func mote_op_resolver_add_resize_nearest_neighbor(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, ResizeNearestNeighbor.registration) }
@_cdecl("mote_op_resolver_add_shape")
public func mote_op_resolver_add_shape(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Shape.registration) }
@_cdecl("mote_op_resolver_add_slice")
public func mote_op_resolver_add_slice(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Slice.registration) }
@_cdecl("mote_op_resolver_add_softmax")
public func mote_op_resolver_add_softmax(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Softmax.registration) }
@_cdecl("mote_op_resolver_add_split")
public func mote_op_resolver_add_split(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Split.registration) }
@_cdecl("mote_op_resolver_add_split_v")
public func mote_op_resolver_add_split_v(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, SplitV.registration) }
@_cdecl("mote_op_resolver_add_squeeze")
public func mote_op_resolver_add_squeeze(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Squeeze.registration) }
@_cdecl("mote_op_resolver_add_strided_slice")
public func mote_op_resolver_add_strided_slice(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, StridedSlice.registration) }
@_cdecl("mote_op_resolver_add_sub")
public func mote_op_resolver_add_sub(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Sub.registration) }
@_cdecl("mote_op_resolver_add_sum")
public func mote_op_resolver_add_sum(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Sum.registration) }
@_cdecl("mote_op_resolver_add_tanh")
public func mote_op_resolver_add_tanh(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Tanh.registration) }
@_cdecl("mote_op_resolver_add_transpose")
public func mote_op_resolver_add_transpose(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Transpose.registration) }
@_cdecl("mote_op_resolver_add_unpack")
public func mote_op_resolver_add_unpack(_ r: UnsafeMutableRawPointer?) -> Int32 { add(r, Unpack.registration) }
