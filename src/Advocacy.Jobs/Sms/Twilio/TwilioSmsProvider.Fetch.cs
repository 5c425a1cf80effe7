using Twilio.Exceptions;
using Twilio.Rest.Api.V2010.Account;

namespace Advocacy.Jobs.Sms.Twilio;

// Reading one message back (GET …/Messages/{Sid}.json): its status when the status callback was lost.
public sealed partial class TwilioSmsProvider : ISmsStatusReader
{
    public async Task<ProviderMessageStatus?> FetchStatusAsync(string providerMessageId, CancellationToken ct)
    {
        using var call = TwilioCall.Begin(ct);
        try
        {
            var message = await MessageResource.FetchAsync(providerMessageId, client: _client);
            return new ProviderMessageStatus(message.Sid ?? providerMessageId, message.Status?.ToString() ?? "", message.ErrorCode);
        }
        catch (ApiException e) when (e.Status == 404)
        {
            return null;
        }
    }
}
