namespace Yiwang.Kernel.Identity;

/// <summary>Values follow GB/T 2261.1, so they are stored and exchanged as the national code.</summary>
public enum Sex
{
    Male = 1,
    Female = 2,
}
