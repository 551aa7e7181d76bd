package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.aws.SecretStore;
import dev.tableflow.onboarding.confluent.ApiKeyClient;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.model.ApiKey;
import dev.tableflow.onboarding.confluent.model.ObjectRef;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.rest.client.inject.RestClient;
import org.jboss.logging.Logger;

import java.util.List;
import java.util.Optional;

/**
 * Ensures an API key whose secret is in Secrets Manager. Confluent returns a key's secret once, in the create
 * response, so a key whose secret we do not hold is useless: it is replaced (create, store, then delete the
 * orphan), never silently adopted. The order matters for crashes: a key is only deleted once another key's
 * secret is safely stored.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);

    /** @param secretName where the key's secret lives; the only copy */
    public record Wanted(String displayName, String description, String ownerId, ObjectRef resource, String secretName) {}

    public record Ensured(String keyId, String secretName, Outcome outcome) {}

    private final ConfluentCalls calls;
    private final ApiKeyClient keys;
    private final SecretStore secrets;

    public ApiKeys(ConfluentCalls calls, @RestClient ApiKeyClient keys, SecretStore secrets) {
        this.calls = calls;
        this.keys = keys;
        this.secrets = secrets;
    }

    public Ensured ensure(StepContext context, Wanted wanted) {
        List<ApiKey> named = named(context, wanted);
        Optional<ApiKeyCredentials> stored = secrets.read(context, wanted.secretName());
        Optional<ApiKey> usable = stored.flatMap(s -> named.stream().filter(key -> key.id().equals(s.key())).findFirst());

        ApiKey keep;
        Outcome outcome;
        if (usable.isPresent()) {
            keep = usable.get();
            // Other keys of the same name are leftovers of a crash between create and store: clean them up.
            outcome = named.size() > 1 ? Outcome.UPDATED : Outcome.ADOPTED;
        } else {
            if (!named.isEmpty() || stored.isPresent()) {
                LOG.warnf("%s: no usable stored secret (%d key(s) of that name, stored secret %s); replacing the key",
                        context, named.size(), stored.map(s -> "is for key " + s.key()).orElse("missing"));
            }
            keep = create(context, wanted);
            outcome = named.isEmpty() && stored.isEmpty() ? Outcome.CREATED : Outcome.REPLACED;
        }
        for (ApiKey orphan : named) {
            if (!orphan.id().equals(keep.id())) {
                calls.delete(context, () -> keys.delete(orphan.id()));
                LOG.warnf("%s: deleted orphan key %s, whose secret was not in Secrets Manager", context, orphan.id());
            }
        }
        return Ensure.report(context, new Ensured(keep.id(), wanted.secretName(), outcome), outcome).resource();
    }

    /**
     * Deletes every key of the wanted name, then its secret: a crash in between leaves a secret whose key is gone,
     * which the next run deletes (or the next ensure replaces). Nothing of that name left: UNCHANGED.
     */
    public Outcome delete(StepContext context, Wanted wanted) {
        List<ApiKey> named = named(context, wanted);
        for (ApiKey key : named) {
            calls.delete(context, () -> keys.delete(key.id()));
        }
        boolean secretDeleted = secrets.delete(context, wanted.secretName());
        Outcome outcome = named.isEmpty() && !secretDeleted ? Outcome.UNCHANGED : Outcome.DELETED;
        return Ensure.report(context, wanted.displayName(), outcome).outcome();
    }

    public boolean exists(StepContext context, Wanted wanted) {
        return !named(context, wanted).isEmpty();
    }

    /** Confluent has no display-name filter: list the owner's keys for the resource and match the name. */
    private List<ApiKey> named(StepContext context, Wanted wanted) {
        return calls.readAll(context, token -> keys.list(wanted.ownerId(), wanted.resource().id(), ConfluentCalls.PAGE_SIZE, token))
                .stream().filter(key -> wanted.displayName().equals(key.displayName())).toList();
    }

    private ApiKey create(StepContext context, Wanted wanted) {
        ApiKey created = calls.write(context,
                () -> keys.create(ApiKey.request(wanted.displayName(), wanted.description(), wanted.ownerId(), wanted.resource())));
        // The secret exists only in this response: store it before anything else can fail.
        secrets.store(context, wanted.secretName(), new ApiKeyCredentials(created.id(), created.spec().secret()), wanted.description());
        return created;
    }
}
