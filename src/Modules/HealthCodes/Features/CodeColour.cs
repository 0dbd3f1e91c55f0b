using System.Text.Json.Serialization;

namespace Yiwang.HealthCodes.Features;

/// <summary>The colour a code shows (JSON: "green", "yellow", "red").</summary>
[JsonConverter(typeof(CodeColourJsonConverter))]
internal enum CodeColour
{
    Green,
    Yellow,
    Red,
}
