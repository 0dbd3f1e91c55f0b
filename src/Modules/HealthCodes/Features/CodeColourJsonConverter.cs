using System.Text.Json;
using System.Text.Json.Serialization;

namespace Yiwang.HealthCodes.Features;

/// <summary>Writes colours as lower-case names in every JSON the module produces.</summary>
internal sealed class CodeColourJsonConverter() : JsonStringEnumConverter<CodeColour>(JsonNamingPolicy.CamelCase);
