package dev.tableflow.onboarding.confluent;

import dev.tableflow.onboarding.confluent.model.ProviderIntegration;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** Provider Integration API {@code pim/v1} (contract: provider-integration-v1.yaml). No name filter, no update. */
@Path("/pim/v1/integrations")
@RegisterRestClient(configKey = "confluent")
@RegisterProvider(ConfluentErrorMapper.class)
@RegisterClientHeaders(CloudApiKeyHeaders.class)
public interface ProviderIntegrationClient {

    @GET
    Page<ProviderIntegration> list(@QueryParam("environment") String environment, @QueryParam("provider") String provider,
            @QueryParam("page_size") int pageSize, @QueryParam("page_token") String pageToken);

    /** 201 Created. */
    @POST
    ProviderIntegration create(ProviderIntegration integration);

    /** 204 No Content; 404 when it is already gone (or in another environment). */
    @DELETE
    @Path("/{id}")
    void delete(@PathParam("id") String id, @QueryParam("environment") String environment);
}
