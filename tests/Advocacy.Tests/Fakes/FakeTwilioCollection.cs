namespace Advocacy.Tests.Fakes;

/// <summary>One fake Twilio server for every test class in this collection; each test calls <see cref="FakeTwilioServer.Reset"/>.</summary>
[CollectionDefinition(Name)]
public class FakeTwilioCollection : ICollectionFixture<FakeTwilioServer>
{
    public const string Name = "fake twilio";
}
