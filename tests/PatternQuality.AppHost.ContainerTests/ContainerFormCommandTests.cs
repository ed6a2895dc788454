namespace PatternQuality.AppHost.Tests;

/// <summary>013's commands on the container form: PostgreSQL and Qdrant in containers on images built here.</summary>
public sealed class ContainerFormCommandTests(ContainerFormCommandTests.ContainerSystem system)
    : Migration013CommandTests<ContainerFormCommandTests.ContainerSystem>(system), IClassFixture<ContainerFormCommandTests.ContainerSystem>
{
    public sealed class ContainerSystem : OperatedSystem
    {
        private readonly OurContainers containers = OurContainers.New();

        protected override Task<string[]> ServerFormAsync() => containers.AppHostArgumentsAsync();

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await containers.DisposeAsync();
        }
    }
}
