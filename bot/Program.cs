using HarmReduction.Bot.Channels.DirectLine;
using HarmReduction.Bot.Channels.Sms;
using HarmReduction.Bot.Cli;
using HarmReduction.Bot.Hosting;
using HarmReduction.Bot.Reporting;
using HarmReduction.Bot.Staff;

// One executable: `ask`, `validate`, `eval`, `report`, `review`, `preview` and `export` are the CLI; anything else starts the server.
if (CliApp.Handles(args))
{
    return await CliApp.RunAsync(args);
}

var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppSettingsLocator.ContentRoot() });
if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["http_ports"]))
{
    builder.WebHost.UseUrls("http://localhost:3978");
}

// No "Server: Kestrel": nothing to tell a scanner.
builder.WebHost.ConfigureKestrel(kestrel => kestrel.AddServerHeader = false);
builder.Services.AddTrustedProxies(builder.Configuration);
builder.Services.AddHarmReductionBot();
builder.Services.AddBotHealthChecks();
builder.Services.AddSmsChannel();
builder.Services.AddWebChat();
builder.Services.AddGapsReport();
builder.Services.AddStaffPage();

var app = builder.Build();
if (!app.LoadKnowledgeOrReport())
{
    return 1;
}

app.UseTrustedProxies();
app.MapBotHealth();
app.MapSms();
app.MapWebChat();
app.MapStaffPage(); // after MapWebChat, which adds the rate limiter

await app.RunAsync();
return 0;
