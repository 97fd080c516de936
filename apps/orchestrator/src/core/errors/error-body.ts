import { ApiProperty } from '@nestjs/swagger';

/** The body of every 4xx/5xx on the orchestrator port (ORCHESTRATOR_ERROR_RENDERING), as documented. */
export class ErrorBody {
  @ApiProperty({ type: 'integer', example: 404, description: 'The HTTP status, repeated' })
  status!: number;

  @ApiProperty({ example: 'Not Found', description: 'The reason phrase of the status' })
  error!: string;

  @ApiProperty({ example: 'No restore of backup 42', description: 'What went wrong, for a person' })
  message!: string;
}
