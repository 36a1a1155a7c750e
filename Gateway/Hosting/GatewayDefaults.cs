using System.Text.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OrleansCron.Gateway.Contracts;
using OrleansCron.Gateway.Validation;
using Scalar.AspNetCore;

namespace OrleansCron.Gateway.Hosting;

/// <summary>The gateway's cross-cutting setup: problem details, JSON, OpenAPI, health and CORS.</summary>
public static class GatewayDefaults
{
    /// <summary>Configuration key: false keeps the silo out of this process (tests, or a gateway that is only a client).</summary>
    public const string CoHostSiloKey = "OrleansCron:Hosting:CoHostSilo";

    /// <summary>Configuration key: the origins allowed to call the API from a browser (empty: no CORS headers).</summary>
    public const string CorsOriginsKey = "OrleansCron:Cors:AllowedOrigins";

    private const string LiveTag = "live";
    private const string ReadyTag = "ready";

    /// <summary>True unless configuration turns co-hosting off.</summary>
    public static bool CoHostsSilo(this IConfiguration configuration) => configuration.GetValue(CoHostSiloKey, defaultValue: true);

    /// <summary>Adds problem details, snake_case JSON, OpenAPI, health checks, CORS and the API's own services.</summary>
    public static IHostApplicationBuilder AddGatewayDefaults(this IHostApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        var services = builder.Services;
        services.AddProblemDetails();
        services.AddExceptionHandler<GrainUnavailableExceptionHandler>();
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));
        services.AddOpenApi();
        services.AddHealthChecks()
            .AddCheck("process", () => HealthCheckResult.Healthy(), tags: [LiveTag])
            .AddCheck<SiloReadyHealthCheck>("silo", tags: [ReadyTag]);
        var origins = CorsOrigins(builder.Configuration);
        if (origins.Length > 0)
        {
            services.AddCors(cors => cors.AddDefaultPolicy(policy =>
                policy.WithOrigins(origins).AllowAnyHeader().AllowAnyMethod().WithExposedHeaders("Location")));
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ResourceIds>();
        services.AddSingleton<JsonBodyReader>();
        return builder;
    }

    /// <summary>Adds the middleware (errors as problem details, CORS) and maps OpenAPI, /docs and the health endpoints.</summary>
    public static WebApplication UseGatewayDefaults(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        if (CorsOrigins(app.Configuration).Length > 0)
        {
            app.UseCors();
        }

        app.MapOpenApi();
        app.MapScalarApiReference("/docs", options => options.WithTitle("OrleansCron API"));
        app.MapHealthChecks("/health/live", new() { Predicate = check => check.Tags.Contains(LiveTag) });
        app.MapHealthChecks("/health/ready", new() { Predicate = check => check.Tags.Contains(ReadyTag) });
        return app;
    }

    /// <summary>The API's JSON: snake_case names, UTC timestamps with "Z", enums as pinned strings (see <see cref="WireNames"/>).</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        options.Converters.Add(new UtcTimestampConverter());
    }

    private static string[] CorsOrigins(IConfiguration configuration) =>
        configuration.GetSection(CorsOriginsKey).Get<string[]>()?.Where(o => !string.IsNullOrWhiteSpace(o)).ToArray() ?? [];
}
