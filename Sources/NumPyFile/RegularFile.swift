#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

// How every host tool reads an input file (models, .npy, checkpoints, datasets): regular files only
// — a FIFO or a device would block or never end — and the size known, so callers compare it with a
// limit or a header before reading the payload. It lives here because both TrainCore and MoteIO
// read files through it, and both already depend on this module.

/// A file that could not be opened or read; `description` is the one line a tool prints.
public struct FileError: Error, Equatable, CustomStringConvertible {
  /// The path, then what is wrong with it ("no such file", "is a directory", ...).
  public let description: String
  /// What is wrong, without the path.
  public let reason: String
  init(_ path: String, _ reason: String) {
    self.reason = reason
    description = "\(path): \(reason)"
  }
}

/// An open regular file (closed at the end of its lifetime).
public struct RegularFile: ~Copyable {
  /// The path it was opened by.
  public let path: String
  /// Its size in bytes when opened.
  public let size: Int
  private let fd: Int32

  /// Opens `path` for reading; refuses anything but a regular file without blocking on it.
  public init(path: String) throws(FileError) {
    self.path = path
    let fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC)
    if fd < 0 {
      let e = errno
      throw FileError(path, e == ENOENT ? "no such file" : e == EISDIR ? "is a directory"
                        : e == ENOTDIR ? "not a file (a path component is not a directory)" : "cannot open file")
    }
    var st = stat()
    guard fstat(fd, &st) == 0 else {
      close(fd)
      throw FileError(path, "cannot read file")
    }
    switch st.st_mode & S_IFMT {
    case S_IFREG: break
    case S_IFDIR:
      close(fd)
      throw FileError(path, "is a directory")
    default:
      close(fd)
      throw FileError(path, "not a regular file")
    }
    _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) & ~O_NONBLOCK)
    self.fd = fd
    size = Int(st.st_size)
  }

  deinit { close(fd) }

  /// Fills `buffer` with the bytes starting at `offset`; fails if the file ends first.
  public func read(into buffer: UnsafeMutableRawBufferPointer, from offset: Int) throws(FileError) {
    var done = 0
    while done < buffer.count {
      let n = pread(fd, buffer.baseAddress! + done, buffer.count - done, off_t(offset + done))
      if n < 0 && errno == EINTR { continue }
      guard n > 0 else { throw FileError(path, n == 0 ? "file ended while reading (changed?)" : "cannot read file") }
      done += n
    }
  }

  /// The `count` bytes at `offset`.
  public func bytes(from offset: Int, count: Int) throws(FileError) -> [UInt8] {
    var out = [UInt8](repeating: 0, count: count)
    var failure: FileError?
    out.withUnsafeMutableBytes { b in
      do throws(FileError) { if b.count > 0 { try read(into: b, from: offset) } } catch { failure = error }
    }
    if let failure { throw failure }
    return out
  }

  /// Reads a whole regular file.
  public static func contents(_ path: String) throws(FileError) -> [UInt8] {
    let f = try RegularFile(path: path)
    return try f.bytes(from: 0, count: f.size)
  }
}
