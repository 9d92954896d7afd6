#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A C library loaded at run time with `dlopen`, so that building Madoguchi needs only Swift: Tesseract, Leptonica,
/// ZBar and ONNX Runtime are found when installed, and their absence is a message, not a build failure.
struct DynamicLibrary: @unchecked Sendable {
    let handle: UnsafeMutableRawPointer

    /// The first of `names` the loader can open (a file name searched on the loader's path, or a full path).
    init?(_ names: [String]) {
        guard let handle = names.lazy.compactMap({ dlopen($0, RTLD_NOW | RTLD_LOCAL) }).first else { return nil }
        self.handle = handle
    }

    /// A function by its name, as its C type; nil when the library has no such symbol.
    func symbol<T>(_ name: String, as type: T.Type) -> T? {
        dlsym(handle, name).map { unsafeBitCast($0, to: type) }
    }
}
