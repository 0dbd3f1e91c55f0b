namespace Yiwang.Kernel.Identity;

/// <summary>Why a resident identity number was rejected, in the order the checks run.</summary>
public enum IdNumberError
{
    None,
    Missing,
    WrongLength,
    BadCharacters,
    BadRegion,
    BadBirthDate,
    FutureBirthDate,
    BadCheckCharacter,
}
