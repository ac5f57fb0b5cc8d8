using Masam.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.AspNetCore.Razor.TagHelpers;

namespace Masam.Web.Pages.Shared;

/// <summary>
/// A page with a form that the server checks. Every such page shows its errors one way (the
/// GOV.UK pattern): a summary at the top (<c>_ErrorSummary</c>) linking to each field, the
/// message beside the field (<c>&lt;field-error&gt;</c>), the field marked invalid and described
/// by its message (<c>field="…"</c> on the input), and what was typed kept.
/// </summary>
public interface IFormPage
{
    FieldErrors Errors { get; }

    /// <summary>What stopped the form as a whole, in the reader's language, when no one field did.</summary>
    string? Problem => null;

    /// <summary>The element the problem belongs to (a table row, a button), when it has one.</summary>
    string? ProblemAnchor => null;

    /// <summary>
    /// Where the summary's link for a field's message goes: its input, unless the page shows that
    /// field's messages elsewhere (a list typed as lines, whose line 3 has no input of its own).
    /// </summary>
    string AnchorFor(string field) => FieldId(field);

    /// <summary>The id of a field's input: <c>f-</c> and its name with dots and brackets as dashes.</summary>
    static string FieldId(string field) => "f-" + Slug(field);

    /// <summary>The id of a field's message.</summary>
    static string ErrorId(string field) => "e-" + Slug(field);

    /// <summary>A field's messages, and with <paramref name="withItems"/> its items' too (<c>lines[2]</c>, <c>items[0].title</c>).</summary>
    static IReadOnlyList<string> MessagesFor(FieldErrors errors, string field, bool withItems) => withItems
        ? [.. errors.All.Where(e => e.Field == field || e.Field.StartsWith(field + "[", StringComparison.Ordinal)).Select(e => e.Message)]
        : errors.For(field);

    private static string Slug(string field) =>
        field.Replace('.', '-').Replace('[', '-').Replace("]", "", StringComparison.Ordinal);
}

/// <summary>
/// <c>&lt;input field="title"&gt;</c> (also <c>select</c>, <c>textarea</c>): the input named and
/// identified for the field, and, when the page's form was refused for it, marked invalid and
/// described by its message.
/// </summary>
[HtmlTargetElement("input", Attributes = "field")]
[HtmlTargetElement("select", Attributes = "field")]
[HtmlTargetElement("textarea", Attributes = "field")]
public sealed class FieldTagHelper : TagHelper
{
    [HtmlAttributeName("field")]
    public required string Field { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        if (!output.Attributes.ContainsName("id")) output.Attributes.SetAttribute("id", IFormPage.FieldId(Field));
        if (!output.Attributes.ContainsName("name")) output.Attributes.SetAttribute("name", Field);
        if (ViewContext.ViewData.Model is IFormPage page && IFormPage.MessagesFor(page.Errors, Field, withItems: true).Count > 0)
        {
            output.Attributes.SetAttribute("aria-invalid", "true");
            var described = output.Attributes.TryGetAttribute("aria-describedby", out var hint) ? $"{hint.Value} " : "";
            output.Attributes.SetAttribute("aria-describedby", described + IFormPage.ErrorId(Field));
        }
    }
}

/// <summary><c>&lt;field-error name="title" /&gt;</c>: the field's message beside it, when there is one.</summary>
[HtmlTargetElement("field-error", Attributes = "name", TagStructure = TagStructure.WithoutEndTag)]
public sealed class FieldErrorTagHelper : TagHelper
{
    [HtmlAttributeName("name")]
    public required string Name { get; set; }

    /// <summary>Also the messages of the field's items (<c>lines[2]</c>, <c>items[0].title</c>), for a list typed in one box.</summary>
    [HtmlAttributeName("with-items")]
    public bool WithItems { get; set; }

    [ViewContext]
    [HtmlAttributeNotBound]
    public ViewContext ViewContext { get; set; } = null!;

    public override void Process(TagHelperContext context, TagHelperOutput output)
    {
        var messages = ViewContext.ViewData.Model is IFormPage page ? IFormPage.MessagesFor(page.Errors, Name, WithItems) : [];
        if (messages.Count == 0)
        {
            output.SuppressOutput();
            return;
        }

        output.TagName = "p";
        output.TagMode = TagMode.StartTagAndEndTag;
        output.Attributes.SetAttribute("class", "field-error");
        output.Attributes.SetAttribute("id", IFormPage.ErrorId(Name));
        output.Content.SetContent(string.Join(" ", messages));
    }
}
