import SHA256

extension PlanProvenance {
    /// The provenance of a plan file: its `name` and the SHA-256 of its exact bytes (SPEC 8.6).
    ///
    ///     PlanProvenance(name: "P", planBytes: Array("abc".utf8)).sha256
    ///     // "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    public init(name: String, planBytes: [UInt8]) {
        self.init(name: name, sha256: SHA256.hex(planBytes))
    }
}
