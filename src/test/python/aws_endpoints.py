"""What AWS's own endpoint rules resolve for our services, for AwsEndpointsTest to compare with AwsApi.

Usage: python aws_endpoints.py SERVICE...   (botocore service names: iam, secretsmanager, glue, ...)

Prints one JSON document: {"partitions": [partitions.json's partitions], "resolutions": [...]}, one resolution per
service, region of every partition (the pseudo-regions such as aws-global left out: Lambda's AWS_REGION is never
one; and one region each partition does not list yet), FIPS and dual-stack setting, evaluated by botocore's EndpointRulesetResolver on the service's
endpoint-rule-set-1.json, exactly as boto3 does. A resolution the rules refuse carries the rules' error instead.
"""
import json
import re
import sys

import botocore.session
from botocore.endpoint_provider import EndpointProvider
from botocore.exceptions import EndpointResolutionError


def regions_of(partition):
    """The partition's regions, and one it does not list yet (its first region numbered 9), as AWS's next one would be."""
    regions = [region for region in partition['regions'] if not region.endswith('-global')]
    future = re.sub(r'\d+$', '9', regions[0])
    assert re.match(partition['regionRegex'], future) and future not in regions, future
    return regions + [future]


def main(services):
    session = botocore.session.get_session()
    loader = session.get_component('data_loader')
    partitions = loader.load_data('partitions')
    resolutions = []
    for service in services:
        model = loader.load_service_model(service, 'service-2')
        provider = EndpointProvider(loader.load_service_model(service, 'endpoint-rule-set-1'), partitions)
        for partition in partitions['partitions']:
            for region in regions_of(partition):
                for fips in (False, True):
                    for dual_stack in (False, True):
                        resolution = {'service': service, 'endpointPrefix': model['metadata']['endpointPrefix'],
                                      'partition': partition['id'], 'region': region, 'fips': fips, 'dualStack': dual_stack}
                        try:
                            endpoint = provider.resolve_endpoint(Region=region, UseFIPS=fips, UseDualStack=dual_stack)
                            scheme = (endpoint.properties.get('authSchemes') or [{}])[0]
                            resolution.update(url=endpoint.url, signingRegion=scheme.get('signingRegion', region),
                                              signingName=scheme.get('signingName', model['metadata'].get('signingName', model['metadata']['endpointPrefix'])))
                        except EndpointResolutionError as error:
                            resolution['error'] = str(error)
                        resolutions.append(resolution)
    json.dump({'partitions': partitions['partitions'], 'resolutions': resolutions}, sys.stdout)


if __name__ == '__main__':
    main(sys.argv[1:])
