package dev.tableflow.onboarding.confluent;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Clients for the APIs that live on per-cluster endpoints (Kafka REST, Schema Registry), which are only known at
 * run time. Built once per endpoint per container, with the same error mapper and timeouts as the rest.
 */
@ApplicationScoped
public class EndpointClients {

    private final Map<String, Object> clients = new ConcurrentHashMap<>();

    public KafkaRestClient kafkaRest(String endpoint) {
        return client(KafkaRestClient.class, endpoint);
    }

    public SchemaRegistryClient schemaRegistry(String endpoint) {
        return client(SchemaRegistryClient.class, endpoint);
    }

    private <T> T client(Class<T> api, String endpoint) {
        return api.cast(clients.computeIfAbsent(api.getSimpleName() + " " + endpoint, key -> QuarkusRestClientBuilder.newBuilder()
                .baseUri(URI.create(endpoint))
                .register(ConfluentErrorMapper.class)
                .connectTimeout(5, TimeUnit.SECONDS)
                .readTimeout(20, TimeUnit.SECONDS)
                .build(api)));
    }
}
