namespace PhoneAgent.Pipeline.Stt.PocketSphinx;

/// <summary>What <see cref="DecodingWorkers"/> run: a stream's posted commands (<see cref="PocketSphinxStream"/>).</summary>
internal interface IDecodingJob
{
    /// <summary>The job's place in the workers' queues (guarded by their lock).</summary>
    LinkedListNode<IDecodingJob> QueueNode { get; }

    /// <summary>Whether a worker is running the job (guarded by the workers' lock).</summary>
    bool Running { get; set; }

    /// <summary>Whether a caller waits for the job's next result (a Flush is posted): it goes before the others.</summary>
    bool Ending { get; }

    /// <summary>Whether work is posted and not yet run.</summary>
    bool HasPending { get; }

    /// <summary>Runs some or all of the posted work on a worker's thread; never throws.</summary>
    void RunPending();
}
