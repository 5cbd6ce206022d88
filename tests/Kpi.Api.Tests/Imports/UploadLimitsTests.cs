using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Kpi.Api.Tests.Support;
using Kpi.Ingestion.Files;

namespace Kpi.Api.Tests.Imports;

/// <summary>
/// Bodies over <c>Kpi:Imports:MaxBytes</c>, sent to the API as a process of its own on Kestrel, as in production:
/// chunked uploads were refused by the server's limit in the middle of the copy, which was then left open (3 × 256 MB)
/// for the garbage collector and, after a kill, in the temp folder. Every oversize body — chunked or not, raw or a
/// form, CSV, JSON or XLSX — is one 413 with one message, and its copy is closed and gone before the answer.
/// </summary>
public sealed class UploadLimitsTests(UploadLimitsTests.Host host) : IClassFixture<UploadLimitsTests.Host>
{
    private const long Limit = 64 * 1024;

    public static TheoryData<string, bool> Bodies => new()
    {
        // the form of the upload, whether it declares its length
        { ImportFormats.CsvContentType, false },
        { ImportFormats.JsonContentType, false },
        { ImportFormats.XlsxContentType, false },
        { "multipart/form-data", false },
        { "multipart/form-data", true },
        { ImportFormats.CsvContentType, true },
    };

    [Theory]
    [MemberData(nameof(Bodies))]
    public async Task OversizeBody_Is413_AndItsCopyIsGoneBeforeTheAnswer(string form, bool withLength)
    {
        var body = new byte[4 * Limit];
        Array.Fill(body, (byte)'1');
        HttpContent file = withLength ? new ByteArrayContent(body) : new StreamContent(new Unsized(body));
        HttpContent content = file;
        if (form == "multipart/form-data")
        {
            file.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");
            var multipart = new MultipartFormDataContent { { file, "file", "hours.csv" } };
            content = withLength ? multipart : new StreamContent(new Unsized(await multipart.ReadAsByteArrayAsync()));
            if (!withLength) content.Headers.ContentType = multipart.Headers.ContentType;
        }
        else
        {
            content.Headers.ContentType = MediaTypeHeaderValue.Parse(form);
        }
        Assert.Equal(withLength, content.Headers.ContentLength is not null);

        var response = await host.Api.Client.PostAsync("/api/imports/hours", content);
        var open = host.Api.OpenUploadCopies();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>(KpiApp.Json);
        Assert.Equal($"The file is larger than the {Limit} bytes an upload may have (Kpi:Imports:MaxBytes).", problem.GetProperty("detail").GetString());
        Assert.Empty(open);
        Assert.Empty(Directory.EnumerateFiles(host.Api.TempDirectory, "*", SearchOption.AllDirectories));
        Assert.Empty(SpoolFiles());
        Assert.DoesNotContain((await host.Api.Client.GetFromJsonAsync<JsonElement>("/api/imports", KpiApp.Json)).EnumerateArray(),
            r => r.GetProperty("kind").GetString() == "hours");
    }

    [Fact]
    public async Task BodyJustUnderTheLimit_IsRead_AndItsCopyIsGoneAfterwards()
    {
        var csv = new StringBuilder("code,name,parent_code\n");
        for (var i = 0; csv.Length < Limit - 100; i++) csv.Append($"D{i},Department {i},\n");
        var content = new StreamContent(new Unsized(Encoding.ASCII.GetBytes(csv.ToString())));
        content.Headers.ContentType = MediaTypeHeaderValue.Parse("text/csv");

        var response = await host.Api.Client.PostAsync("/api/imports/departments", content);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(host.Api.OpenUploadCopies());
        Assert.Empty(SpoolFiles());
    }

    private IEnumerable<string> SpoolFiles()
    {
        var spool = ImportSpool.FolderIn(host.DataDirectory);
        return Directory.Exists(spool) ? Directory.EnumerateFiles(spool) : [];
    }

    /// <summary>One API process on SQLite with a 64 KB upload limit, for the whole class.</summary>
    public sealed class Host : IAsyncLifetime
    {
        public string DataDirectory { get; } = Directory.CreateTempSubdirectory("kpi-upload-limits-").FullName;

        public ApiProcess Api { get; private set; } = null!;

        public async Task InitializeAsync() =>
            Api = await ApiProcess.StartAsync(new Dictionary<string, string>
            {
                ["Kpi__DataDirectory"] = DataDirectory,
                ["Kpi__Imports__MaxBytes"] = Limit.ToString(),
            });

        public Task DisposeAsync()
        {
            Api.Dispose();
            Directory.Delete(DataDirectory, recursive: true);
            return Task.CompletedTask;
        }
    }

    /// <summary>A body whose length the client cannot know beforehand, so it is sent chunked, as a piped upload is.</summary>
    private sealed class Unsized(byte[] bytes) : Stream
    {
        private readonly MemoryStream _inner = new(bytes);

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override int Read(byte[] buffer, int offset, int count) => _inner.Read(buffer, offset, count);
        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
