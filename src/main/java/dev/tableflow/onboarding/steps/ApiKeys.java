package dev.tableflow.onboarding.steps;

import dev.tableflow.onboarding.aws.SecretStore;
import dev.tableflow.onboarding.confluent.ApiKeyClient;
import dev.tableflow.onboarding.confluent.ApiKeyCredentials;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.model.ApiKey;
import dev.tableflow.onboarding.confluent.model.ObjectRef;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * Ensures an API key whose secret is in Secrets Manager. Confluent returns a key's secret once, in the create
 * response, so a key whose secret we do not hold is useless: it is replaced (create, store, then delete the
 * orphan), never silently adopted. The order matters for crashes: a key is only deleted once another key's
 * secret is safely stored. The same mechanism stages a rotation's next key ({@link #ensurePending}); the two never
 * delete each other's key, because each spares the key the other version of the secret holds.
 * <p>
 * An orphan is deleted only when no one can still be storing it: when an earlier attempt of the same run created it
 * (the creator in its description: the execution, or the rotation's token), or when it is older than any Lambda
 * invocation can run. A younger key of another run is what a concurrent run has just created and is about to store
 * (two onboarding requests at once, both finding no secret); deleting it would pull the key from under that run.
 * It is left to a later run.
 */
@ApplicationScoped
public class ApiKeys {

    private static final Logger LOG = Logger.getLogger(ApiKeys.class);
    /** Lambda's longest timeout: a key created this long ago is no longer about to be stored by the run that made it. */
    static final Duration IN_FLIGHT = Duration.ofMinutes(15);

    /** @param secretName where the key's secret lives; the only copy */
    public record Wanted(String displayName, String description, String ownerId, ObjectRef resource, String secretName) {}

    public record Ensured(String keyId, String secretName, Outcome outcome) {}

    private final ConfluentCalls calls;
    private final ApiKeyClient keys;
    private final SecretStore secrets;

    public ApiKeys(ConfluentCalls calls, ApiKeyClient keys, SecretStore secrets) {
        this.calls = calls;
        this.keys = keys;
        this.secrets = secrets;
    }

    /**
     * The key in the secret's current version; a key staged by a rotation in progress is spared.
     *
     * @param invocation the workflow run this is part of, which marks the keys it creates; null when invoked directly
     */
    public Ensured ensure(StepContext context, Wanted wanted, Invocation invocation) {
        SecretStore.Lookup current = secrets.lookup(context, wanted.secretName());
        return reconcile(context, wanted, creator(invocation), current.key(),
                created -> secrets.store(context, wanted.secretName(), created, wanted.description(), current.exists()),
                () -> ids(secrets.pending(context, wanted.secretName())));
    }

    /**
     * A dry run's {@link #ensure}: the same look-ups (the secret, and the keys of that name, listed with the Cloud API
     * key), then what ensure would do. Orphans ensure may delete are not weighed: they never change which key is kept.
     */
    public Ensure.Planned plan(StepContext context, Wanted wanted) {
        Optional<ApiKeyCredentials> stored = secrets.lookup(context, wanted.secretName()).key();
        List<ApiKey> named = named(context, wanted);
        if (stored.isPresent() && named.stream().anyMatch(key -> key.id().equals(stored.get().key()))) {
            return Ensure.plan(context, Ensure.Action.ADOPT, "key " + stored.get().key() + " exists and its secret is in " + wanted.secretName());
        }
        if (stored.isEmpty() && named.isEmpty()) {
            return Ensure.plan(context, Ensure.Action.CREATE, "no key \"" + wanted.displayName() + "\" yet; its secret would go to " + wanted.secretName());
        }
        return Ensure.plan(context, Ensure.Action.REPLACE, named.size() + " key(s) named \"" + wanted.displayName() + "\" but "
                + wanted.secretName() + " holds " + (stored.isPresent() ? "the secret of another key" : "no secret") + ": a new key would replace them");
    }

    /**
     * The key in the rotation version {@code token}, staged AWSPENDING: created once per token. A key of the same name
     * that neither version holds is what a crash between create and store left behind, and is deleted.
     *
     * @param current the key being rotated out, which stays until the rotation promotes the new one
     */
    public Ensured ensurePending(StepContext context, Wanted wanted, String token, ApiKeyCredentials current) {
        return reconcile(context, wanted, "rotation " + token, secrets.version(context, wanted.secretName(), token, SecretStore.PENDING),
                created -> secrets.storePending(context, wanted.secretName(), token, created), () -> Set.of(current.key()));
    }

    /** Deletes a key; one already gone counts as deleted. */
    public void delete(StepContext context, String keyId) {
        calls.delete(context, () -> keys.delete(keyId));
    }

    /**
     * @param creator what marks the keys this run creates, or null
     * @param stored  the key the secret version holds, if any
     * @param store   stores a created key in that version
     * @param inUse   keys of the same name the secret's other version holds; read only when there are other keys
     */
    private Ensured reconcile(StepContext context, Wanted wanted, String creator, Optional<ApiKeyCredentials> stored,
            Consumer<ApiKeyCredentials> store, Supplier<Set<String>> inUse) {
        Instant started = Instant.now();
        List<ApiKey> named = named(context, wanted);
        Optional<ApiKey> usable = stored.flatMap(s -> named.stream().filter(key -> key.id().equals(s.key())).findFirst());

        ApiKey keep;
        if (usable.isPresent()) {
            keep = usable.get();
        } else {
            if (!named.isEmpty() || stored.isPresent()) {
                LOG.warnf("%s: no usable stored secret (%d key(s) of that name, stored secret %s); creating a key",
                        context, named.size(), stored.map(s -> "is for key " + s.key()).orElse("missing"));
            }
            keep = create(context, wanted, creator, store);
        }
        List<ApiKey> others = named.stream().filter(key -> !key.id().equals(keep.id())).toList();
        Set<String> spared = others.isEmpty() ? Set.of() : inUse.get();
        List<ApiKey> orphans = new ArrayList<>();
        for (ApiKey other : others.stream().filter(key -> !spared.contains(key.id())).toList()) {
            if (createdBy(other, creator) || other.createdAt().map(at -> at.isBefore(started.minus(IN_FLIGHT))).orElse(true)) {
                // Leftovers of a crash between create and store: no version of the secret holds them.
                delete(context, other.id());
                orphans.add(other);
                LOG.warnf("%s: deleted orphan key %s, whose secret was not in Secrets Manager", context, other.id());
            } else {
                LOG.warnf("%s: left key %s, created %s by another run that may still be storing it", context, other.id(),
                        other.createdAt().map(Instant::toString).orElse("?"));
            }
        }
        Outcome outcome = usable.isPresent()
                ? orphans.isEmpty() ? Outcome.ADOPTED : Outcome.UPDATED
                : orphans.isEmpty() && stored.isEmpty() ? Outcome.CREATED : Outcome.REPLACED;
        return Ensure.report(context, new Ensured(keep.id(), wanted.secretName(), outcome), outcome).resource();
    }

    /**
     * Deletes every key of the wanted name, then empties its secret: a crash in between leaves a secret whose key is
     * gone, which the next run empties (or the next ensure replaces). Nothing of that name left: UNCHANGED.
     */
    public Outcome delete(StepContext context, Wanted wanted) {
        List<ApiKey> named = named(context, wanted);
        for (ApiKey key : named) {
            delete(context, key.id());
        }
        boolean secretCleared = secrets.clear(context, wanted.secretName());
        Outcome outcome = named.isEmpty() && !secretCleared ? Outcome.UNCHANGED : Outcome.DELETED;
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

    private ApiKey create(StepContext context, Wanted wanted, String creator, Consumer<ApiKeyCredentials> store) {
        String description = creator == null ? wanted.description() : wanted.description() + " (" + creator + ")";
        ApiKey created = calls.write(context,
                () -> keys.create(ApiKey.request(wanted.displayName(), description, wanted.ownerId(), wanted.resource())));
        // The secret exists only in this response: store it before anything else can fail.
        store.accept(new ApiKeyCredentials(created.id(), created.spec().secret()));
        return created;
    }

    /** A run is its execution's name: the same for every retry of its states, unique among the workflow's runs. */
    private static String creator(Invocation invocation) {
        return invocation == null || invocation.executionId() == null ? null
                : "execution " + invocation.executionId().substring(invocation.executionId().lastIndexOf(':') + 1);
    }

    private static boolean createdBy(ApiKey key, String creator) {
        return creator != null && key.description() != null && key.description().endsWith(" (" + creator + ")");
    }

    private static Set<String> ids(Optional<ApiKeyCredentials> key) {
        return key.map(ApiKeyCredentials::key).stream().collect(Collectors.toSet());
    }
}
