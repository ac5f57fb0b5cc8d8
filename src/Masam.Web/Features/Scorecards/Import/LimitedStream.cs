namespace Masam.Web.Features.Scorecards.Import;

/// <summary>
/// Reads another stream and stops with <see cref="ExportTooLargeException"/> once more than a
/// budget, shared by every entry of one archive, has been read: what an entry declares about its
/// size is not believed, only what it unpacks to.
/// </summary>
internal sealed class LimitedStream(Stream inner, UnpackBudget budget) : Stream
{
    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

    public override int Read(byte[] buffer, int offset, int count) => budget.Take(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => budget.Take(inner.Read(buffer));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => budget.Take(await inner.ReadAsync(buffer, ct));

    public override void Flush() { }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) inner.Dispose();
        base.Dispose(disposing);
    }
}

/// <summary>How many unpacked bytes an archive may still give.</summary>
internal sealed class UnpackBudget(long limit)
{
    private long _read;

    public long Limit => limit;

    public int Take(int read)
    {
        _read += read;
        if (_read > limit)
        {
            throw new ExportTooLargeException("error.import.unpacked", limit / 1024 / 1024);
        }

        return read;
    }
}
