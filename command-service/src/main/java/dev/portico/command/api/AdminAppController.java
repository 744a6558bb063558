package dev.portico.command.api;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.portico.command.app.App;
import dev.portico.command.app.AppDirectoriesProperties;
import dev.portico.command.app.AppRegistry;
import dev.portico.command.app.ConfigurationProblems;
import dev.portico.command.app.LoginProvider;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Read-only, for operators: the apps this instance serves, as it read them from their exports (directories,
 * providers and the warnings the reader reported), and the logins it has answered since it started.
 */
@RestController
class AdminAppController {
    private final AppRegistry apps;
    private final AppDirectoriesProperties directories;
    private final MeterRegistry meters;
    /** The counters start with the instance, a moment before this controller. */
    private final Instant startedAt = Instant.now();

    AdminAppController(AppRegistry apps, AppDirectoriesProperties directories, MeterRegistry meters) {
        this.apps = apps;
        this.directories = directories;
        this.meters = meters;
    }

    record AppsBody(List<String> directories, List<AppBody> apps, List<WarningBody> warnings) {
    }

    record AppBody(@JsonProperty("client_app_id") String clientAppId, @JsonProperty("domain_id") String domainId,
            List<ProviderBody> providers, List<String> functions) {
        static AppBody of(App app) {
            return new AppBody(app.id().value(), app.domainId(), app.providers().values().stream()
                    .sorted(Comparator.comparing(provider -> provider.type().wireName()))
                    .map(ProviderBody::of).toList(), app.functions().byName().keySet().stream().sorted().toList());
        }
    }

    /** A provider's public settings only: its secrets never leave the service. */
    record ProviderBody(String type, String name, String id, boolean disabled) {
        static ProviderBody of(LoginProvider provider) {
            return new ProviderBody(provider.type().wireName(), provider.name(), provider.id(), provider.disabled());
        }
    }

    record WarningBody(String file, String field, String message) {
        static WarningBody of(ConfigurationProblems.Problem problem) {
            return new WarningBody(problem.file(), problem.field(), problem.message());
        }
    }

    @GetMapping("/api/admin/v1/apps")
    AppsBody apps(OperatorCall operator) {
        return new AppsBody(directories.appDirectories().stream().map(AppDirectoriesProperties.AppDirectory::path)
                .filter(path -> path != null && !path.isBlank()).toList(),
                apps.all().stream().sorted(Comparator.comparing(app -> app.id().value())).map(AppBody::of).toList(),
                apps.warnings().stream().map(WarningBody::of).toList());
    }

    record LoginCount(String app, String provider, String kind, String outcome, long count) {
    }

    /** {@code since}: this instance's start; the counts are its own and start again at zero. */
    record LoginsBody(Instant since, List<LoginCount> logins) {
    }

    /** Every app's, or with {@code app_id} one app's. */
    @GetMapping("/api/admin/v1/logins")
    LoginsBody logins(OperatorCall operator, @RequestParam(name = "app_id", required = false) String appId) {
        return new LoginsBody(startedAt, meters.find("portico.logins").counters().stream()
                .filter(counter -> appId == null || appId.equals(counter.getId().getTag("app")))
                .map(counter -> new LoginCount(counter.getId().getTag("app"), counter.getId().getTag("provider"),
                        counter.getId().getTag("kind"), counter.getId().getTag("outcome"), Math.round(counter.count())))
                .sorted(Comparator.comparing(LoginCount::app).thenComparing(LoginCount::provider)
                        .thenComparing(LoginCount::kind).thenComparing(LoginCount::outcome))
                .toList());
    }
}
