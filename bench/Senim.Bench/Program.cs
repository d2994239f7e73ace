using Senim.Bench;
using Senim.Web.Features.Operations;
using Spectre.Console.Cli;

// The bench scripts' own commands, on the host Senim.Web's commands run on (same services, same configuration).
return await SenimCommandLine.RunAsync(args, "Senim.Bench", commands =>
{
    commands.AddCommand<SeedAttestationCommand>("seed-attestation")
        .WithDescription("Testing-day benchmark (bench/attestation/run.sh), never for a real database: a campaign at the computer-test stage with N candidates and their sign-ins.")
        .WithExample("seed-attestation", "2000", "--out", "users.txt");
});
