namespace PhoneAgent.Pipeline.Agents.Scripted;

/// <summary>What the scripted agent does after speaking a reply.</summary>
public enum ScriptAction
{
    /// <summary>Keep listening.</summary>
    None,

    /// <summary>Hang up once the reply has been played.</summary>
    EndCall,

    /// <summary>Transfer to the script's transfer target once the reply has been played.</summary>
    Transfer,
}
