using Microsoft.AspNetCore.OData.Query;
using Microsoft.AspNetCore.OData.Query.Validator;
using Microsoft.OData;

namespace Masam.Web.Features.QueryFeed;

/// <summary>
/// The feed's query options and their limits: pages of <see cref="PageSize"/> with
/// <c>@odata.nextLink</c>, <c>$top</c> up to <see cref="MaxTop"/>, <c>$expand</c> two levels deep,
/// bounded expressions. A refused query gets an OData error with a code and a message;
/// <see cref="FeedErrorMiddleware"/> takes out the inner error with its stack trace that the library adds.
/// </summary>
[AttributeUsage(AttributeTargets.Method | AttributeTargets.Class)]
public sealed class FeedQueryAttribute : EnableQueryAttribute
{
    public const int PageSizeLimit = 1000;
    public const int TopLimit = 10_000;

    public FeedQueryAttribute()
    {
        PageSize = PageSizeLimit;
        MaxTop = TopLimit;
        MaxSkip = 10_000_000;
        MaxExpansionDepth = 2;
        MaxNodeCount = 200;
        MaxOrderByNodeCount = 8;
        MaxAnyAllExpressionDepth = 2;
        AllowedQueryOptions = AllowedQueryOptions.Supported;
        AllowedFunctions = AllowedFunctions.AllStringFunctions | AllowedFunctions.AllDateTimeFunctions | AllowedFunctions.AllMathFunctions;
        HandleNullPropagation = HandleNullPropagationOption.False;
    }

    public override void ValidateQuery(HttpRequest request, ODataQueryOptions queryOptions)
    {
        try
        {
            base.ValidateQuery(request, queryOptions);
        }
        catch (ODataException failure)
        {
            throw new ODataException(failure.Message); // drops the inner exception and its trace
        }
    }
}
