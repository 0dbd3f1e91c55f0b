namespace Yiwang.Kernel.Identity;

/// <summary>Sex as recorded on the resident identity card.</summary>
/// <remarks>Values follow GB/T 2261.1 so they can be stored and exchanged as the national code.</remarks>
public enum Sex
{
    Male = 1,
    Female = 2,
}
