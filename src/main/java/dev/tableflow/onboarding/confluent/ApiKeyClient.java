package dev.tableflow.onboarding.confluent;

import dev.tableflow.onboarding.confluent.model.ApiKey;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import org.eclipse.microprofile.rest.client.annotation.RegisterClientHeaders;
import org.eclipse.microprofile.rest.client.annotation.RegisterProvider;
import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

/** API Keys Management API {@code iam/v2} (contract: iam-v2-api-keys.yaml). */
@Path("/iam/v2/api-keys")
@RegisterRestClient(configKey = "confluent")
@RegisterProvider(ConfluentErrorMapper.class)
@RegisterClientHeaders(CloudApiKeyHeaders.class)
public interface ApiKeyClient {

    /** No display-name filter exists: list by owner and resource, then match the name. */
    @GET
    Page<ApiKey> list(@QueryParam("spec.owner") String owner, @QueryParam("spec.resource") String resource,
            @QueryParam("page_size") int pageSize, @QueryParam("page_token") String pageToken);

    /** 202 Accepted; the only response that ever carries {@code spec.secret}. */
    @POST
    ApiKey create(ApiKey key);

    /** 204 No Content. */
    @DELETE
    @Path("/{id}")
    void delete(@PathParam("id") String id);
}
