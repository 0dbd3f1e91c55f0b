using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Yiwang.Kernel.Access;
using Yiwang.Kernel.Accounts;
using Yiwang.HealthCodes.Localization;
using Yiwang.Kernel.Contracts.People;
using Yiwang.Kernel.Data;
using Yiwang.Kernel.Identity;
using Yiwang.Kernel.Privacy;
using Yiwang.Kernel.Time;
using Yiwang.Kernel.UseCases;
using Yiwang.Kernel.Web;

namespace Yiwang.HealthCodes.Features.Citizens;

/// <summary>Real-name (实名认证): only when the registry's person with that identity number has that name and phone too;
/// one account per person. A refusal never says which of the three differed.</summary>
internal static partial class Registration
{
    internal sealed record RegisterRequest(string? UserName, string? Name, string? IdNumber, string? Phone, string? Password);

    internal sealed record BindRequest(string? Name, string? IdNumber, string? Phone);

    internal sealed record Bound(string UserName, string NameMasked);

    public const int MaxPasswordLength = 128;

    internal static async Task<Result<Bound>> RegisterAsync(
        RegisterRequest? body, YiwangDbContext db, UserManager<Account> users, SignInManager<Account> signIn,
        IPersonDirectory people, CurrentUser user, TimeProvider clock, CancellationToken ct)
    {
        body ??= new RegisterRequest(null, null, null, null, null);
        var errors = CheckIdentity(body.Name, body.IdNumber, body.Phone, clock);
        var userName = body.UserName?.Trim() ?? "";
        if (!UserNamePattern().IsMatch(userName))
        {
            errors.Add("userName", Words("Error_UserName"));
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
            return errors.ToRefusal();
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
                    return created.Errors.Any(e => e.Code == nameof(IdentityErrorDescriber.DuplicateUserName)) ? UserNameTaken() : PasswordRefusal(created.Errors);
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
        return new Bound(userName, account.DisplayName);
    }

    /// <summary>Binds the signed-in citizen account (made before real-name checks existed, e.g. the demo one).</summary>
    internal static async Task<Result<Bound>> BindAsync(
        BindRequest? body, YiwangDbContext db, IPersonDirectory people, CitizenLinks links, CurrentUser user, TimeProvider clock,
        CancellationToken ct)
    {
        body ??= new BindRequest(null, null, null);
        if (await links.PersonOfAsync(db, user.Name, ct) is not null)
        {
            return Refusal.Conflict(Words("Refusal_AccountBound"), "account-bound");
        }

        var errors = CheckIdentity(body.Name, body.IdNumber, body.Phone, clock);
        if (errors.Any)
        {
            return errors.ToRefusal();
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

        return new Bound(user.Name, Masking.Name(body.Name!.Trim()));
    }

    /// <summary>Field checks shared by registration and binding: formats only; whether they match is asked afterwards.</summary>
    private static FieldErrors CheckIdentity(string? name, string? idNumber, string? phone, TimeProvider clock)
    {
        var errors = new FieldErrors();
        errors.PlainText("name", name, 32, required: true);
        var check = ResidentIdentityNumber.Validate(idNumber, DistrictTime.Today(clock));
        if (!check.IsValid)
        {
            errors.Add("idNumber", Words("IdNumber_" + check.Error));
        }

        var digits = (phone ?? "").Count(char.IsAsciiDigit);
        if (string.IsNullOrWhiteSpace(phone) || phone.Length > 20 || digits is < 7 or > 13 || phone.Any(c => !(char.IsAsciiDigit(c) || c is ' ' or '-' or '+')))
        {
            errors.Add("phone", Words("Error_Phone"));
        }

        return errors;
    }

    private static async Task CheckPasswordAsync(FieldErrors errors, UserManager<Account> users, Account account, string? password)
    {
        if (string.IsNullOrEmpty(password) || password.Length > MaxPasswordLength)
        {
            errors.Add("password", Words("Error_PasswordLength", MaxPasswordLength));
            return;
        }

        foreach (var validator in users.PasswordValidators)
        {
            var result = await validator.ValidateAsync(users, account, password);
            foreach (var e in result.Errors)
            {
                errors.Add("password", PasswordWords(e));
            }
        }
    }

    /// <summary>Identity's password rules in both languages (Identity itself speaks English only).</summary>
    private static Text PasswordWords(IdentityError e) => Words(e.Code switch
    {
        nameof(IdentityErrorDescriber.PasswordTooShort) or nameof(IdentityErrorDescriber.PasswordRequiresDigit)
            or nameof(IdentityErrorDescriber.PasswordRequiresLower) or nameof(IdentityErrorDescriber.PasswordRequiresUpper)
            or nameof(IdentityErrorDescriber.PasswordRequiresNonAlphanumeric) or nameof(IdentityErrorDescriber.PasswordRequiresUniqueChars)
            => "Password_" + e.Code,
        _ => "Password_Other",
    });

    private static Refusal PasswordRefusal(IEnumerable<IdentityError> errors)
    {
        var fields = new FieldErrors();
        foreach (var e in errors)
        {
            fields.Add("password", PasswordWords(e));
        }

        return fields.ToRefusal();
    }

    private static Text Words(string key, params object?[] args) => new(typeof(CitizenText), key, args);

    private static Refusal Mismatch() => Refusal.BadRequest(Words("Refusal_IdentityMismatch"), "identity-mismatch");

    private static Refusal AlreadyBound() => Refusal.Conflict(Words("Refusal_AlreadyBound"), "already-bound");

    private static Refusal UserNameTaken() => Refusal.Conflict(Words("Refusal_UserNameTaken"), "user-name-taken");

    [GeneratedRegex(@"^[A-Za-z0-9._-]{3,32}$")]
    private static partial Regex UserNamePattern();
}
