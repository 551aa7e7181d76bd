package dev.tableflow.onboarding.steps.bootstrap;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import dev.tableflow.onboarding.config.EnvironmentSettings;
import dev.tableflow.onboarding.confluent.ConfluentCalls;
import dev.tableflow.onboarding.confluent.ProviderIntegrationClient;
import dev.tableflow.onboarding.confluent.model.ProviderIntegration;
import dev.tableflow.onboarding.errors.StepContext;
import dev.tableflow.onboarding.errors.TerminalException;
import dev.tableflow.onboarding.observability.Invocation;
import dev.tableflow.onboarding.steps.Endpoints;
import dev.tableflow.onboarding.steps.Ensure.Outcome;
import dev.tableflow.onboarding.steps.Ensure;
import dev.tableflow.onboarding.steps.Integrations;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Optional;

/** Bootstrap step 1: the AWS provider integration {@code {env}-provider-glue} for the customer role. */
@ApplicationScoped
public class EnsureProviderIntegration {

    public static final String STEP = "EnsureProviderIntegration";

    /** The bootstrap is driven by the deployment's configuration; the triggering event carries nothing it needs. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    public record Input(Invocation invocation) implements Invocation.Carrier {}

    /** Confluent's role ARN and external id, reported; the trust policy step reads them from Confluent itself. */
    public record Output(String id, String displayName, String iamRoleArn, String externalId, Outcome outcome) implements Ensure.Reported {}

    private final EnvironmentSettings settings;
    private final ConfluentCalls calls;
    private final ProviderIntegrationClient integrations;
    private final Integrations lookup;
    private final Endpoints endpoints;

    public EnsureProviderIntegration(EnvironmentSettings settings, ConfluentCalls calls, ProviderIntegrationClient integrations,
            Integrations lookup, Endpoints endpoints) {
        this.settings = settings;
        this.calls = calls;
        this.integrations = integrations;
        this.lookup = lookup;
        this.endpoints = endpoints;
    }

    public Output run(Input input) {
        String name = settings.providerIntegrationName();
        StepContext context = new StepContext(STEP, "provider integration \"" + name + "\"");
        // First step of the workflow: refuse a bad deployment before anything is created.
        settings.validate(context);
        endpoints.kafkaCluster(context);
        String environment = settings.config().confluentEnvironmentId();
        String roleArn = settings.config().customerRoleArn();

        var ensured = Ensure.exists(context, () -> lookup.provider(context),
                existing -> roleArn.equals(existing.config().customerIamRoleArn())
                        ? Optional.empty()
                        : Optional.of("exists for customer role " + existing.config().customerIamRoleArn() + ", not " + roleArn
                                + "; pim/v1 cannot update it: delete it in Confluent Cloud or keep the old role"),
                () -> {
                    lookup.otherProviderFor(context, roleArn).ifPresent(other -> {
                        throw new TerminalException(context, "customer role " + roleArn + " is already the role of provider integration \""
                                + other.displayName() + "\" (" + other.id() + "), and Confluent allows one provider integration per customer role"
                                + " in an environment: give this stack its own role (CustomerRoleArn), e.g. one role per region");
                    });
                    return calls.write(context, () -> integrations.create(ProviderIntegration.newAws(name, environment, roleArn)));
                });

        ProviderIntegration integration = ensured.resource();
        return new Output(integration.id(), integration.displayName(), integration.config().iamRoleArn(),
                integration.config().externalId(), ensured.outcome());
    }
}
