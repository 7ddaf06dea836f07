# The API in a container; docker-compose.yml runs it next to PostgreSQL 16.
FROM python:3.11-slim
WORKDIR /app
ENV PYTHONDONTWRITEBYTECODE=1 PYTHONUNBUFFERED=1
COPY pyproject.toml README.md ./
COPY graphql_api ./graphql_api
COPY sql ./sql
RUN pip install --no-cache-dir -e . \
    && useradd --system --no-create-home api
USER api
EXPOSE 8000
CMD ["graphql-api", "serve", "--host", "0.0.0.0", "--port", "8000", "--migrate"]
