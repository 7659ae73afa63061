using System.Globalization;
using System.Text;

namespace HarmReduction.Bot.Semantic;

/// <summary>
/// The text the sentence model is given. all-MiniLM-L6-v2 was trained with the uncased BERT tokenizer, which strips
/// accents; the package's tokenizer does not, so "a cuánto está el dólar hoy" reached the model as unknown word pieces and
/// landed far from "a cuanto esta el dolar hoy". Spanish is typed with and without accents alike, so both must mean the same.
/// </summary>
internal static class ModelText
{
    public static string Of(string text)
    {
        if (text.All(char.IsAscii))
        {
            return text;
        }

        var decomposed = text.Normalize(NormalizationForm.FormD);
        var builder = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark)
            {
                builder.Append(c);
            }
        }

        return builder.ToString().Normalize(NormalizationForm.FormC);
    }
}
