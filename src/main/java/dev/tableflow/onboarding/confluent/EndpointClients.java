package dev.tableflow.onboarding.confluent;

import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;

/**
 * Clients for the APIs that live on per-cluster endpoints (Kafka REST, Schema Registry), which are only known at
 * run time. A client is only its base URI over the shared {@link ConfluentHttp}, so one is made per use.
 */
@ApplicationScoped
public class EndpointClients {

    private final ConfluentHttp http;

    public EndpointClients(ConfluentHttp http) {
        this.http = http;
    }

    public KafkaRestClient kafkaRest(String endpoint) {
        return new KafkaRestClient(http, URI.create(endpoint));
    }

    public SchemaRegistryClient schemaRegistry(String endpoint) {
        return new SchemaRegistryClient(http, URI.create(endpoint));
    }
}
