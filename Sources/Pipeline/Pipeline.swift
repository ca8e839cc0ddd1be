/// The Pipeline stage (see README.md).
public enum PipelineModule {}
