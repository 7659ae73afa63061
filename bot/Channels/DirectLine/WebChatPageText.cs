using System.Collections.Concurrent;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;
using System.Text.Unicode;
using HarmReduction.Bot.Answering;
using HarmReduction.Bot.Knowledge;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace HarmReduction.Bot.Channels.DirectLine;

/// <summary>
/// The page in the visitor's language: its own words (the <c>page-*</c> messages) filled into <c>index.html</c> at
/// <c>{{page-...}}</c>, so the first paint already says what the chat is and what to do in an emergency, with the words
/// of every language in a JSON block for the script to switch to when the conversation changes language.
/// Rendered once per knowledge version and language.
/// </summary>
public sealed partial class WebChatPageText(KnowledgeProvider knowledge, IOptions<ResourcesOptions> resources)
{
    private static readonly HtmlEncoder Html = HtmlEncoder.Create(UnicodeRanges.All);
    private static readonly string[] Languages = ["en", "es"];

    // Letters as they are (smaller), but still no <, >, & or quotes: the JSON sits in the HTML.
    private static readonly JsonSerializerOptions Json = new() { Encoder = JavaScriptEncoder.Create(UnicodeRanges.All) };

    private readonly ConcurrentDictionary<string, (KnowledgeBase Knowledge, WebAsset Template, WebAsset Page)> _pages = new(StringComparer.Ordinal);

    public WebAsset Render(WebAsset template, HttpRequest request)
    {
        if (!knowledge.IsLoaded)
        {
            return template;
        }

        var current = knowledge.Current.Knowledge;
        var language = LanguageOf(request);
        if (_pages.TryGetValue(language, out var cached) && ReferenceEquals(cached.Knowledge, current) && ReferenceEquals(cached.Template, template))
        {
            return cached.Page;
        }

        var page = WebAsset.Create(template.Name, Encoding.UTF8.GetBytes(Fill(Encoding.UTF8.GetString(template.Content), current.Messages, language)));
        _pages[language] = (current, template, page);
        return page;
    }

    /// <summary>The visitor's first language that the page speaks (Accept-Language, by preference), else English.</summary>
    public static string LanguageOf(HttpRequest request) =>
        StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out var accepted)
            ? accepted.Where(a => a.Quality is null or > 0)
                .OrderByDescending(a => a.Quality ?? 1)
                .Select(a => a.Value.Value?.Split('-')[0].ToLowerInvariant())
                .FirstOrDefault(l => l is not null && Languages.Contains(l, StringComparer.Ordinal)) ?? "en"
            : "en";

    private string Fill(string html, BotMessages messages, string language)
    {
        var strings = Languages.ToDictionary(
            l => l,
            l => BotMessages.PageKeys.Where(messages.All.ContainsKey).ToDictionary(k => k, k => Text(messages, k, l)),
            StringComparer.Ordinal);
        var numbers = Languages.ToDictionary(
            l => l,
            l => new Dictionary<string, string> { ["emergency"] = Dial(resources.Value.For(l).EmergencyNumber), ["crisis"] = Dial(resources.Value.For(l).CrisisLine) },
            StringComparer.Ordinal);
        var data = JsonSerializer.Serialize(new { lang = language, strings, numbers }, Json);
        return Token().Replace(html, m => m.Groups[1].Value switch
        {
            "lang" => language,
            "strings" => data.Replace("</", "<\\/", StringComparison.Ordinal),
            var key when strings[language].TryGetValue(key, out var text) => key is "page-intro" or "page-noscript"
                ? WithCallLinks(text, numbers[language]["emergency"])
                : Html.Encode(text),
            _ => string.Empty,
        });
    }

    private string Text(BotMessages messages, string key, string language) =>
        Placeholders.Fill(messages.GetText(key, language), resources.Value.For(language));

    /// <summary>The text as HTML, with the emergency number as a tap-to-call link.</summary>
    private static string WithCallLinks(string text, string number)
    {
        var encoded = Html.Encode(text);
        return number.Length == 0
            ? encoded
            : Regex.Replace(encoded, $@"(?<![\w./-]){Regex.Escape(number)}(?![\w/-])", m => $"<a href=\"{TelLinks.Href(number)}\">{m.Value}</a>", RegexOptions.None, TimeSpan.FromSeconds(1));
    }

    /// <summary>The number as dialled (digits and a leading +), or nothing when it is not a number.</summary>
    private static string Dial(string number) =>
        number.Length is > 0 and <= 20 && number.All(c => char.IsAsciiDigit(c) || c is '+' or '-' or ' ') ? TelLinks.Href(number)[4..] : string.Empty;

    [GeneratedRegex(@"\{\{([a-z-]+)\}\}")]
    private static partial Regex Token();
}
