import Foundation
import MicroRuntime

/// What `mote inspect` reports about a model file.
public struct ModelReport {
  /// The report as JSON.
  public let json: JSON
  /// Whether the model passed verification.
  public let verified: Bool
  /// The verification error, when there is one.
  public let error: String?
  /// Why the interpreter cannot open a verified model (a kernel refused it, or no arena fits), if so.
  public private(set) var openError: String? = nil

  /// Verifies and describes the model at `path`; a file that cannot be read throws.
  public init(path: String, resolver: OpResolver = .allOps) throws {
    let file = try AlignedBytes(contentsOf: path)
    var fields: [(String, JSON)] = [("file", .string(path)), ("size_bytes", .int(Int64(file.count)))]
    let verified: VerifiedModel
    do {
      verified = try VerifiedModel(bytes: file.bytes)
    } catch {
      self.verified = false
      self.error = error.text
      fields.append(("verified", .string(error.text)))
      json = .object(fields)
      return
    }
    self.verified = true
    self.error = nil
    fields.append(("verified", .string("ok")))
    let m = verified.model
    fields.append(("version", .int(Int64(m.version))))
    fields.append(("description", m.description.map { .string($0.swiftString) } ?? .null))
    let codes = m.operatorCodes
    var subgraphs: [JSON] = []
    for s in 0..<m.subgraphs.count {
      let g = m.subgraphs[s]
      var ops: [JSON] = []
      for i in 0..<g.operators.count {
        let op = g.operators[i]
        let c = codes[Int(op.opcodeIndex)]
        let code = VerifiedModel.builtinCode(c)
        var entry: [(String, JSON)] = [
          ("index", .int(Int64(i))),
          ("builtin", .string(code.displayName)),
          ("version", .int(Int64(c.version))),
          ("inputs", .ints(op.inputs)),
          ("outputs", .ints(op.outputs)),
        ]
        if let custom = c.customCode { entry.append(("custom_code", .string(custom.swiftString))) }
        entry.append(("options", .object(describeBuiltinOptions(op))))
        ops.append(.object(entry))
      }
      var tensors: [JSON] = []
      for t in 0..<g.tensors.count {
        let tensor = g.tensors[t]
        let data = m.buffers[Int(tensor.buffer)].data
        var entry: [(String, JSON)] = [
          ("index", .int(Int64(t))),
          ("name", .string(tensor.name?.swiftString ?? "")),
          ("shape", .ints(tensor.shape)),
          ("shape_signature", .ints(tensor.hasShapeSignature ? tensor.shapeSignature : tensor.shape)),
          ("type", .string(tensor.type.displayName)),
          ("buffer", .int(Int64(tensor.buffer))),
          ("buffer_size", .int(Int64(data.count))),
        ]
        var scales: [JSON] = []
        var zeros: [JSON] = []
        var qd: Int64 = 0
        if let q = tensor.quantization {
          for k in 0..<q.scale.count { scales.append(.double(Double(q.scale[k]))) }
          for k in 0..<q.zeroPoint.count { zeros.append(.int(q.zeroPoint[k])) }
          qd = Int64(q.quantizedDimension)
        }
        entry.append(("quantization", .object([
          ("scales", .array(scales)), ("zero_points", .array(zeros)), ("quantized_dimension", .int(qd)),
        ])))
        tensors.append(.object(entry))
      }
      subgraphs.append(.object([
        ("name", g.name.map { .string($0.swiftString) } ?? .null),
        ("inputs", .ints(g.inputs)),
        ("outputs", .ints(g.outputs)),
        ("operators", .array(ops)),
        ("tensors", .array(tensors)),
      ]))
    }
    fields.append(("subgraphs", .array(subgraphs)))
    var signatures: [JSON] = []
    for i in 0..<m.signatureDefs.count {
      let sig = m.signatureDefs[i]
      func maps(_ v: FlatTableVector<TFLite.TensorMap>) -> JSON {
        .array((0..<v.count).map { k in
          .object([("name", .string(v[k].name?.swiftString ?? "")), ("tensor_index", .int(Int64(v[k].tensorIndex)))])
        })
      }
      signatures.append(.object([
        ("key", .string(sig.signatureKey?.swiftString ?? "")),
        ("subgraph_index", .int(Int64(sig.subgraphIndex))),
        ("inputs", maps(sig.inputs)), ("outputs", maps(sig.outputs)),
      ]))
    }
    fields.append(("signatures", .array(signatures)))
    fields.append(("metadata", .array((0..<m.metadata.count).map { .string(m.metadata[$0].name?.swiftString ?? "") })))
    // The exact arena the interpreter needs, measured without opening the model.
    do {
      let usage = try Interpreter.measureArena(model: file.bytes, resolver: resolver)
      fields.append(("arena", .object([
        ("total_bytes", .int(Int64(usage.total))), ("persistent_bytes", .int(Int64(usage.persistent))),
        ("activation_bytes", .int(Int64(usage.activations))), ("scratch_bytes", .int(Int64(usage.scratch))),
      ])))
    } catch {
      openError = (error as? MicroError)?.text ?? "\(error)"
      fields.append(("arena", .object([("error", .string(openError!))])))
    }
    json = .object(fields)
  }
}

/// The largest arena the host tools allocate (2 GB, as mote-benchmark): a model whose plan needs
/// more is refused with `arenaTooSmall` instead of being given terabytes of zeroed memory.
public let maxHostArena = 1 << 31

extension Interpreter {
  /// The exact arena `model` needs, measured in one pass (`requiredArena` over a work buffer of
  /// `planningBytes`); a plan over `maxHostArena` is refused. Host only.
  public static func measureArena(model: UnsafeRawBufferPointer, resolver: OpResolver) throws(MicroError) -> ArenaUsage {
    let work = AlignedBytes(count: try planningBytes(model: model, resolver: resolver))
    let usage = try requiredArena(model: model, work: work.buffer, resolver: resolver)
    if usage.total > maxHostArena {
      throw MicroError(.arenaTooSmall, expected: Int64(usage.total), found: Int64(maxHostArena))
    }
    return usage
  }
}

extension JSON {
  /// An array of integers from a model vector.
  static func ints(_ v: FlatVector<Int32>) -> JSON { .array((0..<v.count).map { .int(Int64(v[$0])) }) }
}

extension FlatString {
  /// The string as a Swift String (invalid UTF-8 is repaired).
  public var swiftString: String { String(decoding: bytes, as: UTF8.self) }
}

extension TFLite.BuiltinOperator {
  /// The schema name, or "UNKNOWN_<code>".
  public var displayName: String { name.map { "\($0)" } ?? "UNKNOWN_\(rawValue)" }
}

extension TFLite.TensorType {
  /// The schema name, or "UNKNOWN_<code>".
  public var displayName: String { name.map { "\($0)" } ?? "UNKNOWN_\(rawValue)" }
}
