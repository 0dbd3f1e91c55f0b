using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Accounts;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Contracts.Epidemic;
using Yiwang.Kernel.Contracts.HealthCodes;
using Yiwang.Kernel.Contracts.Command;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Identity;
using Yiwang.Kernel.Privacy;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.Web;

namespace Yiwang.HealthCodes.Features.Citizens;

/// <summary>
/// Real-name registration and binding (实名认证): a citizen account is created, or an existing one bound, only when the
/// registry holds a person with that identity number whose name and phone match too — one account per person. A
/// refusal never says which of the three differed. Account and link are written in one transaction: nothing half-done.
/// </summary>
internal static partial class Registration
{
    internal sealed record RegisterRequest(string? UserName, string? Name, string? IdNumber, string? Phone, string? Password);

    internal sealed record BindRequest(string? Name, string? IdNumber, string? Phone);

    internal sealed record Bound(string UserName, string NameMasked);

    public const int MaxPasswordLength = 128;

    /// <summary>Creates a citizen account bound to its person and signs it in.</summary>
    internal static async Task<Results<Created<Bound>, ValidationProblem, ProblemHttpResult>> RegisterAsync(
        RegisterRequest? body, YiwangDbContext db, UserManager<Account> users, SignInManager<Account> signIn,
        IPersonDirectory people, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        body ??= new RegisterRequest(null, null, null, null, null);
        var errors = CheckIdentity(body.Name, body.IdNumber, body.Phone, clock);
        var userName = body.UserName?.Trim() ?? "";
        if (!UserNamePattern().IsMatch(userName))
        {
            errors.Add("userName", "用户名为 3–32 位字母、数字或 . _ -", "A user name is 3–32 letters, digits or . _ -");
        }

        var account = new Account
        {
            UserName = userName,
            Role = AccountRole.Citizen,
            JurisdictionCode = "",
            DisplayName = Masking.Name(body.Name?.Trim()),
            LockoutEnabled = true,
        };
        await CheckPasswordAsync(errors, users, account, body.Password);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (await users.FindByNameAsync(userName) is not null)
        {
            return UserNameTaken();
        }

        var personId = await people.MatchIdentityAsync(body.IdNumber!, body.Name!, body.Phone!, ct);
        if (personId is not { } person)
        {
            return Mismatch();
        }

        if (await CitizenLinks.PersonBoundAsync(db, person, ct))
        {
            return AlreadyBound();
        }

        // Audit entries name the new account, not "system".
        user.ActAs(userName);
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            try
            {
                var created = await users.CreateAsync(account, body.Password!);
                if (!created.Succeeded)
                {
                    await tx.RollbackAsync(ct);
                    db.ChangeTracker.Clear();
                    return created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)) ? UserNameTaken() : Problems.Invalid(PasswordErrors(created.Errors));
                }

                CitizenLinks.Add(db, userName, person, clock.GetUtcNow());
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Another registration of the same person (or user name) won the race, maybe on another host.
                await tx.RollbackAsync(CancellationToken.None);
                db.ChangeTracker.Clear();
                return await CitizenLinks.PersonBoundAsync(db, person, ct) ? AlreadyBound() : UserNameTaken();
            }
        }

        await signIn.SignInAsync(account, isPersistent: false);
        return TypedResults.Created("/me", new Bound(userName, account.DisplayName));
    }

    /// <summary>Binds the signed-in citizen account (made before real-name checks existed, e.g. the demo one).</summary>
    internal static async Task<Results<Ok<Bound>, ValidationProblem, ProblemHttpResult>> BindAsync(
        BindRequest? body, YiwangDbContext db, IPersonDirectory people, CitizenLinks links, CurrentUser user, TimeProvider clock,
        CancellationToken ct)
    {
        body ??= new BindRequest(null, null, null);
        if (await links.PersonOfAsync(db, user.Name, ct) is not null)
        {
            return Problems.Status(StatusCodes.Status409Conflict, "本账号已完成实名认证", "This account is already bound to a resident", "account-bound");
        }

        var errors = CheckIdentity(body.Name, body.IdNumber, body.Phone, clock);
        if (errors.Any)
        {
            return Problems.Invalid(errors.ToDictionary());
        }

        if (await people.MatchIdentityAsync(body.IdNumber!, body.Name!, body.Phone!, ct) is not { } person)
        {
            return Mismatch();
        }

        if (await CitizenLinks.PersonBoundAsync(db, person, ct))
        {
            return AlreadyBound();
        }

        CitizenLinks.Add(db, user.Name, person, clock.GetUtcNow());
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            db.ChangeTracker.Clear();
            return AlreadyBound();
        }

        return TypedResults.Ok(new Bound(user.Name, Masking.Name(body.Name!.Trim())));
    }

    /// <summary>Field checks shared by registration and binding: formats only; whether they match is asked afterwards.</summary>
    private static FieldErrors CheckIdentity(string? name, string? idNumber, string? phone, TimeProvider clock)
    {
        var errors = new FieldErrors();
        errors.PlainText("name", name, 32, required: true);
        var check = ResidentIdentityNumber.Validate(idNumber, DistrictTime.Today(clock));
        if (!check.IsValid)
        {
            var msg = ResidentIdentityNumber.Describe(check.Error).Split(" / ");
            errors.Add("idNumber", msg[0], msg.Length > 1 ? msg[1] : msg[0]);
        }

        var digits = (phone ?? "").Count(char.IsAsciiDigit);
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > 20 || digits is < 7 or > 13 || phone.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '+')))
        {
            errors.Add("phone", "请填写登记时留的手机号", "Enter the phone number the registry holds for you");
        }

        return errors;
    }

    private static async Task CheckPasswordAsync(FieldErrors errors, UserManager<Account> users, Account account, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length > MaxPasswordLength)
        {
            errors.Add("password", $"请设置 8–{MaxPasswordLength} 位密码", $"Choose a password of 8–{MaxPasswordLength} characters");
            return;
        }

        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, account, password);
            foreach (var (field, messages) in PasswordErrors(result.Errors))
            {
                foreach (var m in messages)
                {
                    var parts = m.Split(" / ");
                    errors.Add(field, parts[0], parts.Length > 1 ? parts[1] : parts[0]);
                }
            }
        }
    }

    /// <summary>Identity's password rules in both languages (Identity itself speaks English only).</summary>
    private static Dictionary<string, string[]> PasswordErrors(IEnumerable<IdentityError> errors) => new()
    {
        ["password"] = [.. errors.Select(e => e.Code switch
        {
            nameof(IdentityErrorDescriber.PasswordTooShort) => "密码至少 8 位 / At least 8 characters",
            nameof(IdentityErrorDescriber.PasswordRequiresDigit) => "密码须含数字 / Must contain a digit",
            nameof(IdentityErrorDescriber.PasswordRequiresLower) => "密码须含小写字母 / Must contain a lower-case letter",
            nameof(IdentityErrorDescriber.PasswordRequiresUpper) => "密码须含大写字母 / Must contain an upper-case letter",
            nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) => "密码须含符号 / Must contain a symbol",
            nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars) => "密码中不同的字符太少 / Too few different characters",
            _ => "密码不符合要求 / The password does not meet the rules",
        })],
    };

    private static ProblemHttpResult Mismatch() => Problems.Status(StatusCodes.Status400BadRequest,
        "身份信息与户籍登记不一致，请核对姓名、身份证号和手机号", "These details do not match the registry: check your name, identity number and phone",
        "identity-mismatch");

    private static ProblemHttpResult AlreadyBound() => Problems.Status(StatusCodes.Status409Conflict,
        "该居民已绑定账号，请用已有账号登录", "This resident already has an account: sign in with it", "already-bound");

    private static ProblemHttpResult UserNameTaken() => Problems.Status(StatusCodes.Status409Conflict,
        "用户名已被使用，请换一个", "This user name is taken: choose another", "user-name-taken");

    [GeneratedRegex(@"^[A-Za-z0-9._-]{3,32}$")]
    private static partial Regex UserNamePattern();
}
