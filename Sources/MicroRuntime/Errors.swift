// Errors of the runtime: one plain value type, no allocation. The `kind` says what went wrong and
// carries a fixed message; the integer fields say where (operator, tensor, table, field, byte
// offset) and, where it applies, what was expected and what was found. -1 means "not applicable".

/// Why the runtime refused a model or an invocation.
public struct MicroError: Error, Equatable {
  /// What went wrong.
  public var kind: MicroErrorKind
  /// Index of the operator (in execution order), or -1.
  public var op: Int32 = -1
  /// Index of the tensor in its subgraph, or -1.
  public var tensor: Int32 = -1
  /// Index of the subgraph, or -1.
  public var subgraph: Int32 = -1
  /// For FlatBuffer faults: the table being checked; for operator faults: unused.
  public var table: SchemaTable? = nil
  /// For FlatBuffer faults: the field id; for operator faults: the input/output slot, or -1.
  public var field: Int32 = -1
  /// Byte offset into the model where the fault is, or -1.
  public var offset: Int = -1
  /// The value that was expected (a size, a count, a type code, an operator code), or -1.
  public var expected: Int64 = -1
  /// The value that was found, or -1.
  public var found: Int64 = -1

  /// Makes an error of `kind` with optional location and values.
  @inlinable public init(_ kind: MicroErrorKind, op: Int32 = -1, tensor: Int32 = -1,
                         expected: Int64 = -1, found: Int64 = -1) {
    self.kind = kind
    self.op = op
    self.tensor = tensor
    self.expected = expected
    self.found = found
  }

  /// A FlatBuffer structure fault at `offset` while checking `field` of `table`.
  @inlinable public static func malformed(_ kind: MicroErrorKind, _ table: SchemaTable, field: Int,
                                          offset: Int) -> MicroError {
    var e = MicroError(kind)
    e.table = table
    e.field = Int32(truncatingIfNeeded: field)
    e.offset = offset
    return e
  }
}

/// The kinds of error; each has a fixed one-line message.
public enum MicroErrorKind: UInt16, Sendable {
  // FlatBuffer structure.
  case bufferTooSmall, bufferTooLarge, wrongFileIdentifier
  case offsetMisaligned, offsetZero, offsetTooLarge, offsetOutOfBounds
  case tableMisaligned, tableOutOfBounds, vtableMisaligned, vtableOutOfBounds, vtableSizeOdd
  case fieldMisaligned, fieldOutOfBounds
  case vectorMisaligned, vectorOutOfBounds, vectorTooLong, stringNotTerminated
  case nestingTooDeep, tooManyTables
  // Model facts.
  case unsupportedSchemaVersion, noSubgraphs, tooManySubgraphs, tooManyTensors, tooManyOperators
  case tensorIndexOutOfRange, bufferIndexOutOfRange, opcodeIndexOutOfRange, subgraphIndexOutOfRange
  case negativeDimension, tooManyDimensions, tensorTooLarge, unknownTensorType
  case constantSizeMismatch, externalBufferUnsupported, constantDataMisaligned
  case sparseTensorUnsupported, variantTensorUnsupported, externalTensorBufferUnsupported
  case externalBuffersUnsupported, builtinOptions2Unsupported
  case quantizationCountMismatch, quantizedDimensionOutOfRange, quantizationChannelMismatch
  case customQuantizationUnsupported, invalidScale
  case signatureTensorInvalid, metadataBufferInvalid, outputIsConstant, inputIsConstant
  case tensorWrittenTwice, tensorReadBeforeWritten
  // Interpreter and arena.
  case unsupportedOperator, unsupportedOperatorVersion, customOperatorUnsupported
  case arenaTooSmall, arenaMisaligned, tooManyScratchBuffers
  case inputIndexOutOfRange, outputIndexOutOfRange, signatureNameNotFound, nullArgument
  // Kernel checks (prepare) and data checks (eval).
  case missingInput, missingOutput, wrongInputCount, wrongOutputCount
  case unsupportedType, typeMismatch, shapeMismatch, rankMismatch, broadcastIncompatible
  case invalidAxis, invalidStride, invalidDilation, invalidFilterSize, invalidOption
  case constantRequired, missingQuantization, invalidQuantization, biasScaleMismatch
  case fixedOutputQuantization, multiplierOutOfRange, indexOutOfRange, divisionByZero
  // C API (new kinds go last: mote.h numbers them as cCode).
  case interpreterNotOpened, resolverNotInitialized

  /// The number include/mote.h gives this kind (MOTE_ERROR_*; 0 is MOTE_ERROR_NONE).
  public var cCode: Int32 { Int32(rawValue) + 1 }

  /// A one-line description of the kind.
  public var message: StaticString {
    switch self {
    case .bufferTooSmall: return "buffer is too small to be a FlatBuffer"
    case .bufferTooLarge: return "buffer is larger than 2 GB, the FlatBuffer limit"
    case .wrongFileIdentifier: return "file identifier is not \"TFL3\" (not a TensorFlow Lite model)"
    case .offsetMisaligned: return "offset is not 4-byte aligned"
    case .offsetZero: return "offset is zero"
    case .offsetTooLarge: return "offset exceeds 2 GB"
    case .offsetOutOfBounds: return "offset points outside the buffer"
    case .tableMisaligned: return "table is not 4-byte aligned"
    case .tableOutOfBounds: return "table lies outside the buffer"
    case .vtableMisaligned: return "vtable is not 2-byte aligned"
    case .vtableOutOfBounds: return "vtable lies outside the buffer"
    case .vtableSizeOdd: return "vtable size is odd"
    case .fieldMisaligned: return "field is misaligned"
    case .fieldOutOfBounds: return "field lies outside the buffer"
    case .vectorMisaligned: return "vector is not 4-byte aligned"
    case .vectorOutOfBounds: return "vector lies outside the buffer"
    case .vectorTooLong: return "vector length exceeds 2 GB"
    case .stringNotTerminated: return "string is not zero-terminated inside the buffer"
    case .nestingTooDeep: return "tables are nested more than 64 deep"
    case .tooManyTables: return "more than 1,000,000 tables"
    case .unsupportedSchemaVersion: return "schema version is not 3"
    case .noSubgraphs: return "model has no subgraphs"
    case .tooManySubgraphs: return "model has more subgraphs than the runtime supports"
    case .tooManyTensors: return "subgraph has more tensors than the runtime supports"
    case .tooManyOperators: return "subgraph has more operators than the runtime supports"
    case .tensorIndexOutOfRange: return "tensor index out of range"
    case .bufferIndexOutOfRange: return "buffer index out of range"
    case .opcodeIndexOutOfRange: return "operator code index out of range"
    case .subgraphIndexOutOfRange: return "subgraph index out of range"
    case .negativeDimension: return "tensor shape has a negative dimension"
    case .tooManyDimensions: return "tensor has more dimensions than the runtime supports (8)"
    case .tensorTooLarge: return "tensor byte size overflows"
    case .unknownTensorType: return "tensor type is unknown or unsupported"
    case .constantSizeMismatch: return "constant buffer size does not match the tensor's shape and type"
    case .externalBufferUnsupported: return "buffer data outside the FlatBuffer (offset/size) is not supported"
    case .constantDataMisaligned: return "constant data is not aligned for its type (load the model 16-byte aligned)"
    case .sparseTensorUnsupported: return "sparse tensors are not supported"
    case .variantTensorUnsupported: return "variant tensors are not supported"
    case .externalTensorBufferUnsupported: return "tensors in external buffers are not supported"
    case .externalBuffersUnsupported: return "external buffer groups are not supported"
    case .builtinOptions2Unsupported: return "builtin_options_2 (StableHLO operators) are not supported"
    case .quantizationCountMismatch: return "quantization scale and zero point counts differ"
    case .quantizedDimensionOutOfRange: return "quantized dimension is outside the tensor's rank"
    case .quantizationChannelMismatch: return "per-channel scale count differs from the quantized dimension's size"
    case .customQuantizationUnsupported: return "custom quantization details are not supported"
    case .invalidScale: return "quantization scale is not a positive finite number"
    case .signatureTensorInvalid: return "signature refers to an invalid tensor"
    case .metadataBufferInvalid: return "metadata refers to an invalid buffer"
    case .outputIsConstant: return "an operator writes a constant tensor"
    case .inputIsConstant: return "a subgraph input is a constant tensor"
    case .tensorWrittenTwice: return "a tensor is written by two operators"
    case .tensorReadBeforeWritten: return "an operator reads a tensor before any operator writes it"
    case .unsupportedOperator: return "operator is not supported by this resolver"
    case .unsupportedOperatorVersion: return "operator version is not supported"
    case .customOperatorUnsupported: return "custom operators are not supported"
    case .arenaTooSmall: return "arena is too small"
    case .nullArgument: return "a pointer argument is NULL"
    case .arenaMisaligned: return "arena must start at a 16-byte aligned address"
    case .tooManyScratchBuffers: return "kernel requested too many scratch buffers"
    case .inputIndexOutOfRange: return "input index out of range"
    case .outputIndexOutOfRange: return "output index out of range"
    case .signatureNameNotFound: return "no signature input or output has that name"
    case .missingInput: return "operator is missing a required input"
    case .missingOutput: return "operator is missing a required output"
    case .wrongInputCount: return "operator has the wrong number of inputs"
    case .wrongOutputCount: return "operator has the wrong number of outputs"
    case .unsupportedType: return "tensor type is not supported by this operator"
    case .typeMismatch: return "tensor types do not match"
    case .shapeMismatch: return "tensor shape does not match what the operator computes"
    case .rankMismatch: return "tensor rank is not what the operator needs"
    case .broadcastIncompatible: return "shapes cannot be broadcast together"
    case .invalidAxis: return "axis out of range"
    case .invalidStride: return "stride must be positive"
    case .invalidDilation: return "dilation must be positive"
    case .invalidFilterSize: return "filter size must be positive"
    case .invalidOption: return "operator option has an invalid value"
    case .constantRequired: return "operator needs this input to be a constant tensor"
    case .missingQuantization: return "quantized tensor has no quantization parameters"
    case .invalidQuantization: return "quantization parameters break the int8 specification"
    case .biasScaleMismatch: return "bias scale is not input scale times weight scale"
    case .fixedOutputQuantization: return "output quantization must have the fixed parameters the op requires"
    case .multiplierOutOfRange: return "requantization multiplier is out of range"
    case .indexOutOfRange: return "index value in the input data is out of range"
    case .divisionByZero: return "division by zero"
    case .interpreterNotOpened: return "the interpreter was not opened (call mote_open)"
    case .resolverNotInitialized: return "the operator resolver was not initialized (call mote_op_resolver_init)"
    }
  }
}
