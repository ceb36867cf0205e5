// The infrastructure modules are part of the library's vocabulary: code that imports
// ChannelComp sees ExactDecimal, the CSV reader and JSON values too.
@_exported import ExactArithmetic
@_exported import CSV
@_exported import JSON
import TextSuggestions
