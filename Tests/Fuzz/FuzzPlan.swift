// libFuzzer entry for the plan loader: any bytes give a plan or located diagnostics, never a trap.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzPlan(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    let bytes = Array(UnsafeBufferPointer(start: data, count: size))
    let (plan, diagnostics) = PlanLoader.load(file: "fuzz.json", bytes: bytes)
    precondition(plan != nil || diagnostics.hasErrors, "no plan and no error")
    for d in diagnostics.items { _ = d.render() }
    return 0
}
