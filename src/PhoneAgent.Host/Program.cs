using PhoneAgent.Host.Cli;

return await PhoneAgentCli.InvokeAsync(args).ConfigureAwait(false);
