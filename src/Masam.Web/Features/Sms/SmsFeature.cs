namespace Masam.Web.Features.Sms;

/// <summary>
/// Feedback, status queries and STOP by SMS through Kannel or a RapidPro channel: the keyword
/// grammar, the inbound endpoints, replies through the outbox, and delivery reports.
/// </summary>
public static class SmsFeature
{
    public static IServiceCollection AddSms(this IServiceCollection services)
    {
        services.AddOptions<SmsOptions>().BindConfiguration(SmsOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<PhoneHasher>();
        services.AddScoped<SmsInbox>();
        services.AddScoped<SmsPhoneLimit>();
        services.AddSingleton<SmsStore>();
        services.AddHostedService(sp => sp.GetRequiredService<SmsStore>());
        services.AddSingleton<SmsDeliveryReports>();
        services.AddHostedService(sp => sp.GetRequiredService<SmsDeliveryReports>());
        services.AddSingleton<SmsSender>();
        services.AddHostedService(sp => sp.GetRequiredService<SmsSender>());
        services.AddHttpClient<KannelGateway>(client => client.Timeout = TimeSpan.FromSeconds(20));
        services.AddHttpClient<RapidProGateway>(client => client.Timeout = TimeSpan.FromSeconds(20));
        services.AddKeyedScoped<ISmsGateway>("kannel", (sp, _) => sp.GetRequiredService<KannelGateway>());
        services.AddKeyedScoped<ISmsGateway>("rapidpro", (sp, _) => sp.GetRequiredService<RapidProGateway>());
        return services;
    }

    public static IEndpointRouteBuilder MapSms(this IEndpointRouteBuilder app)
    {
        app.MapSmsApi();
        return app;
    }
}
