{{/* Chart name, truncated to the 63 characters a label value allows. */}}
{{- define "aiemployee-operator.name" -}}
{{- default .Chart.Name .Values.nameOverride | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Prefix of every resource name. */}}
{{- define "aiemployee-operator.fullname" -}}
{{- if .Values.fullnameOverride }}
{{- .Values.fullnameOverride | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- $name := default .Chart.Name .Values.nameOverride }}
{{- if contains $name .Release.Name }}
{{- .Release.Name | trunc 63 | trimSuffix "-" }}
{{- else }}
{{- printf "%s-%s" .Release.Name $name | trunc 63 | trimSuffix "-" }}
{{- end }}
{{- end }}
{{- end }}

{{- define "aiemployee-operator.chart" -}}
{{- printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* The recommended labels, on every object. */}}
{{- define "aiemployee-operator.labels" -}}
helm.sh/chart: {{ include "aiemployee-operator.chart" . }}
{{ include "aiemployee-operator.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/part-of: aiemployee
app.kubernetes.io/managed-by: {{ .Release.Service }}
{{- end }}

{{/* The labels the Deployment and the Service select the operator pod by. */}}
{{- define "aiemployee-operator.selectorLabels" -}}
app.kubernetes.io/name: {{ include "aiemployee-operator.name" . }}
app.kubernetes.io/instance: {{ .Release.Name }}
app.kubernetes.io/component: operator
{{- end }}

{{- define "aiemployee-operator.serviceAccountName" -}}
{{- default (include "aiemployee-operator.fullname" .) .Values.serviceAccount.name }}
{{- end }}

{{- define "aiemployee-operator.image" -}}
{{- printf "%s:%s" .Values.image.repository (default .Chart.AppVersion .Values.image.tag) }}
{{- end }}

{{- define "aiemployee-operator.leaseName" -}}
{{- default (printf "%s-leader" (include "aiemployee-operator.fullname" .)) .Values.leaderElection.leaseName }}
{{- end }}

{{/*
The rules the operator needs on the namespaces it watches: exactly the API calls it makes, no
wildcards, no Secret reads, no pods/exec. Used by the ClusterRole (all namespaces) or by one Role per
watched namespace. The vault-keeper's Role, which the operator creates, grants only get/list/watch on
one AIEmployee and patch on its status (resourceNames), a subset of these rules, so no "escalate" or
"bind" verb is needed.
*/}}
{{- define "aiemployee-operator.rules" -}}
- apiGroups: ["aiemployee.io"]
  resources: ["aiemployees"]
  verbs: ["get", "list", "watch", "patch", "update"]
- apiGroups: ["aiemployee.io"]
  resources: ["aiemployees/status"]
  verbs: ["get", "patch", "update"]
- apiGroups: ["aiemployee.io"]
  resources: ["aiemployees/finalizers"]
  verbs: ["update"]
- apiGroups: [""]
  resources: ["pods"]
  verbs: ["get", "list", "watch", "create", "delete"]
- apiGroups: [""]
  resources: ["persistentvolumeclaims"]
  verbs: ["get", "list", "watch", "create", "patch", "delete"]
- apiGroups: [""]
  resources: ["events"]
  verbs: ["create", "patch"]
- apiGroups: [""]
  resources: ["serviceaccounts"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
- apiGroups: ["rbac.authorization.k8s.io"]
  resources: ["roles", "rolebindings"]
  verbs: ["get", "list", "watch", "create", "update", "delete"]
{{- end }}
