{{/* Name of the release's objects: the release name, with "-tributary" unless it already says tributary. */}}
{{- define "tributary.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "tributary.labels" -}}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end -}}

{{/* Selector of one component: "web", "worker", "scheduler" or "all". Argument: (list $ component). */}}
{{- define "tributary.selectorLabels" -}}
{{- $root := index . 0 -}}
app.kubernetes.io/name: {{ $root.Chart.Name }}
app.kubernetes.io/instance: {{ $root.Release.Name }}
app.kubernetes.io/component: {{ index . 1 }}
{{- end -}}

{{- define "tributary.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) -}}
{{- end -}}

{{/*
One Deployment. Argument: dict with root ($), component (object name suffix and label), roles (the ROLE value),
replicas (omitted when nil, as when an HPA owns them), resources and extra env (map).
*/}}
{{- define "tributary.deployment" -}}
{{- $root := .root -}}
{{- $values := $root.Values -}}
apiVersion: apps/v1
kind: Deployment
metadata:
  name: {{ include "tributary.fullname" $root }}-{{ .component }}
  labels:
    {{- include "tributary.labels" $root | nindent 4 }}
    app.kubernetes.io/component: {{ .component }}
spec:
  {{- if not (kindIs "invalid" .replicas) }}
  replicas: {{ .replicas }}
  {{- end }}
  selector:
    matchLabels:
      {{- include "tributary.selectorLabels" (list $root .component) | nindent 6 }}
  template:
    metadata:
      labels:
        {{- include "tributary.selectorLabels" (list $root .component) | nindent 8 }}
      annotations:
        # Pods restart when the plain configuration changes.
        checksum/config: {{ include (print $root.Template.BasePath "/configmap.yaml") $root | sha256sum }}
        {{- with $values.podAnnotations }}
        {{- toYaml . | nindent 8 }}
        {{- end }}
    spec:
      {{- with $values.serviceAccountName }}
      serviceAccountName: {{ . }}
      {{- end }}
      {{- with $values.imagePullSecrets }}
      imagePullSecrets:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      securityContext:
        {{- toYaml $values.podSecurityContext | nindent 8 }}
      terminationGracePeriodSeconds: {{ $values.terminationGracePeriodSeconds }}
      containers:
        - name: tributary
          image: {{ include "tributary.image" $root | quote }}
          imagePullPolicy: {{ $values.image.pullPolicy }}
          args: ["serve"]
          ports:
            - name: http
              containerPort: 5100
              protocol: TCP
          env:
            - name: ROLE
              value: {{ .roles | quote }}
            {{- range $name, $value := .env }}
            - name: {{ $name }}
              value: {{ $value | toString | quote }}
            {{- end }}
          envFrom:
            - configMapRef:
                name: {{ include "tributary.fullname" $root }}
            - secretRef:
                name: {{ required "existingSecret is required: the name of a Secret holding DATABASE_URL, DEPLOYMENT_KEY, SECRETS_KEY and the other secret variables" $values.existingSecret }}
          startupProbe:
            httpGet: {path: /status.txt, port: http}
            periodSeconds: {{ $values.probes.startup.periodSeconds }}
            failureThreshold: {{ $values.probes.startup.failureThreshold }}
          readinessProbe:
            httpGet: {path: /status.txt, port: http}
            periodSeconds: {{ $values.probes.readiness.periodSeconds }}
            failureThreshold: {{ $values.probes.readiness.failureThreshold }}
          livenessProbe:
            httpGet: {path: /status.txt, port: http}
            periodSeconds: {{ $values.probes.liveness.periodSeconds }}
            failureThreshold: {{ $values.probes.liveness.failureThreshold }}
          resources:
            {{- toYaml .resources | nindent 12 }}
          securityContext:
            {{- toYaml $values.securityContext | nindent 12 }}
          volumeMounts:
            - name: data
              mountPath: /var/lib/tributary/data
            - name: tmp
              mountPath: /tmp
      volumes:
        - name: data
          emptyDir:
            sizeLimit: {{ $values.workDirSizeLimit }}
        - name: tmp
          emptyDir: {}
      {{- with $values.nodeSelector }}
      nodeSelector:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.tolerations }}
      tolerations:
        {{- toYaml . | nindent 8 }}
      {{- end }}
      {{- with $values.affinity }}
      affinity:
        {{- toYaml . | nindent 8 }}
      {{- end }}
{{- end -}}
