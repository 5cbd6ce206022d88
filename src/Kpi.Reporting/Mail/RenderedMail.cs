namespace Kpi.Reporting.Mail;

/// <summary>
/// A mail's words, ready to be wrapped into a MIME message: a one-line subject, an HTML body that reads with images
/// blocked, and a plain-text body with the same content. Attachments are not part of it: they are stored files the
/// sender adds as they are.
/// </summary>
public sealed record RenderedMail(string Subject, string Html, string Text);
