namespace Masam.Web.Features.Feedback;

/// <summary>Every staff change names the version it was made against; an older one gets 409.</summary>
public sealed record ChangeStatusRequest
{
    /// <summary>acknowledged, in-progress, closed or rejected (answered comes with a public answer).</summary>
    public string? Status { get; init; }

    /// <summary>With rejected: spam, duplicate or outside-remit.</summary>
    public string? RejectionReason { get; init; }

    /// <summary>With a duplicate: the id of the item it repeats.</summary>
    public long? DuplicateOf { get; init; }

    public int? Version { get; init; }
}

public sealed record AddResponseRequest
{
    public string? Body { get; init; }

    /// <summary>True: an answer the citizen sees (and that is published); false: an internal note.</summary>
    public bool? Public { get; init; }

    public int? Version { get; init; }
}

public sealed record ExtendDeadlineRequest
{
    /// <summary>1 to 30 days.</summary>
    public int? Days { get; init; }

    /// <summary>Shown to the citizen.</summary>
    public string? Reason { get; init; }

    public int? Version { get; init; }
}

/// <summary>Why the answer did not solve the problem (required, up to 1,000 characters).</summary>
public sealed record ReopenRequest
{
    public string? Reason { get; init; }
}

public sealed record RateAnswerRequest
{
    /// <summary>1 very bad ... 5 very good.</summary>
    public int? Rating { get; init; }
}
